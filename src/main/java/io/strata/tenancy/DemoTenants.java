package io.strata.tenancy;

import io.strata.security.Caller;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.strata.StrataConfig;
import io.strata.infra.http.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Locale;
import org.jboss.logging.Logger;

/**
 * Creates the configured demo tenants on start when they do not exist yet, so that the demo users
 * of the embedded Keycloak can sign in to a working tenant right away.
 */
@ApplicationScoped
public class DemoTenants {

  private static final Logger LOG = Logger.getLogger(DemoTenants.class);

  void onStart(@Observes StartupEvent event, StrataConfig config, TenantService tenants)
      throws Throwable {
    List<String> ids = config.demoTenants().orElse(List.of());
    for (String raw : ids) {
      String id = raw.trim();
      if (id.isEmpty()) {
        continue;
      }
      Tenant created = VertxContextSupport.subscribeAndAwait(() -> tenants.find(id)
          .chain(existing -> existing != null ? Uni.createFrom().<Tenant>nullItem()
              : tenants.create(Caller.system("demo-tenants"), id, id.substring(0, 1).toUpperCase(Locale.ROOT) + id.substring(1),
                  null))
          // Another node may create it at the same moment.
          .onFailure(ProblemException.class).recoverWithNull());
      if (created != null) {
        LOG.infof("Created demo tenant %s", id);
      }
    }
  }
}
