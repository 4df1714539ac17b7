package io.strata.ui.alerts;

import io.strata.alerting.AlertPreviewService;
import io.strata.alerting.AlertRuleChecks;
import io.strata.alerting.AlertRuleService;
import io.strata.alerting.AlertService;
import io.strata.alerting.channel.ChannelChecks;
import io.strata.alerting.channel.ChannelService;
import io.strata.alerting.delivery.ChannelTestService;
import io.strata.alerting.delivery.DeliveryService;
import io.strata.alerting.silence.SilenceService;

/**
 * The alerting services the Alerts view calls: the same ones, with the same checks, as the REST
 * API under {@code /api/v1/alerts}, so the console's changes are checked, tenant-scoped and audited
 * as the API's are.
 */
record AlertsServices(AlertRuleService rules, AlertRuleChecks ruleChecks,
    AlertPreviewService previews, AlertService alerts, ChannelService channels,
    ChannelChecks channelChecks, ChannelTestService channelTests, SilenceService silences,
    DeliveryService deliveries) {}
