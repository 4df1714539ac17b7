package io.strata.ingest;

import io.strata.pipeline.ByteScan;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.strata.pipeline.EventNormalizer;
import io.strata.pipeline.EventTimeScan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a request body into events, checks each on its own (a bad event is reported and skipped, its
 * neighbours are kept) and packs the good ones into Kafka record values.
 *
 * <p>Events are checked, not normalised, here: the indexer normalises them, so the request path only
 * pays for one streaming pass over the bytes. With an {@link ArrivalCutoff}, an event whose time
 * is known at a glance ({@link EventTimeScan}) to be before it is refused: no class of the tenant's
 * retention would keep it. Events the glance cannot date, or older than a shorter class keeps,
 * are accepted, and the indexer drops those its class does not keep.
 */
final class RequestParser {

  /** How many per-event errors an answer lists; the count covers all of them. */
  static final int MAX_LISTED_ERRORS = 100;

  private static final JsonFactory JSON = new JsonFactory();

  private final int maxEventBytes;
  private final int maxFields;

  private final EventRecords records;
  private final List<IngestResult.EventError> errors = new ArrayList<>();
  private int rejected;

  private final long ingestedAtMillis;
  /** Null when no event of this request can be past retention. */
  private final ArrivalCutoff cutoff;
  private final EventTimeScan times;
  private int expired;

  /** The lines of a stack trace continue the event they belong to (#13). */
  private final StackTraceLines traces = new StackTraceLines();
  /** The chunks of a long container line, cut by the container runtime, continue it (#13). */
  private final CriPartialLines partials = new CriPartialLines();
  /** The plain-text event still open to continuation lines: its bytes and lines; -1 when none. */
  private int textStart = -1;
  private int textStop;
  private int textLines;
  private int textFirstLine;

  /**
   * One parser reads a run of JSON lines, one object after the other, rather than one parser per
   * line: creating a parser allocates some 600 bytes, a tenth of all the heap an event cost the
   * whole node. Null when none is open; it is dropped at the first line it cannot read as exactly
   * one whole object, and that line is then checked on its own, as before.
   */
  private JsonParser lineParser;
  /** The body offset the line parser started at: its locations are relative to it. */
  private int lineParserBase;
  /** The body offset just past the last object the line parser read. */
  private int lineParserEnd;

  RequestParser(IngestConfig config, long ingestedAtMillis) {
    this(config, ingestedAtMillis, null);
  }

  /** A parser that also refuses events from before {@code cutoff}, unless that is null. */
  RequestParser(IngestConfig config, long ingestedAtMillis, ArrivalCutoff cutoff) {
    this.maxEventBytes = (int) Math.min(Integer.MAX_VALUE, config.maxEventBytes().asLongValue());
    this.maxFields = config.maxFieldsPerEvent();
    // Events are in the request body, or in arrays of their own: they stay put until finish().
    this.records = EventRecords.inPlace(config, ingestedAtMillis);
    this.ingestedAtMillis = ingestedAtMillis;
    this.cutoff = cutoff;
    this.times = cutoff == null ? null : new EventTimeScan();
  }

  /** Gives the events read from now on document ids ({@link EventRecords#identify}). */
  void identify(String idPrefix) {
    records.identify(idPrefix);
  }

  /** Reads newline-delimited events: JSON objects, or plain-text lines. */
  ParsedRequest parseLines(byte[] body, int length) {
    int start = 0;
    int line = 0;
    while (start < length) {
      int end = ByteScan.indexOf(body, (byte) '\n', start, length);
      line++;
      int stop = end;
      if (stop > start && body[stop - 1] == '\r') {
        stop--;
      }
      parseLine(body, start, stop, line, length);
      start = end + 1;
    }
    endText(body);
    return finish();
  }

  private void parseLine(byte[] body, int start, int stop, int line, int length) {
    int first = skipWhitespace(body, start, stop);
    if (first == stop) {
      return; // a blank line neither ends an event nor begins one (Python and Go traces hold some)
    }
    if (stop - start > maxEventBytes) {
      endText(body);
      reject(line, null, "event is " + (stop - start) + " bytes; the limit is " + maxEventBytes);
      return;
    }
    // The chunks of one container line are one event, up to the event size limit.
    if (partials.continues(body, start, stop) && textStart >= 0
        && stop - textStart <= maxEventBytes) {
      textStop = stop;
      textLines++;
      return;
    }
    // Only a JSON object is an event object (#13): a line starting with '[' is an Apache error log
    // or Proxifier line far more often than JSON, and a '{' line that is not one whole object (a
    // truncated write, a toString(), a pretty-printed dump) is still what the file said. Such lines
    // are plain text, which the normaliser tags _jsonparsefailure so a broken shipper stays visible.
    if (body[first] == '{') {
      int fields = objectFields(body, first, stop, length);
      if (fields > maxFields) {
        endText(body);
        reject(line, null, JsonEvents.tooManyFields(fields, maxFields));
        return;
      }
      if (fields >= 0) {
        endText(body); // a JSON object is never a continuation
        addObject(body, first, stop - first, line, null);
        return;
      }
    }
    // Multi-line events (#13): the frames of a stack trace sent as lines of their own continue the
    // plain-text event before them, up to StackTraceLines.MAX_LINES lines and the event size limit.
    if (traces.continues(body, start, stop, length) && textStart >= 0
        && textLines < StackTraceLines.MAX_LINES && stop - textStart <= maxEventBytes) {
      textStop = stop;
      textLines++;
      return;
    }
    if (textStart >= 0) {
      addText(body, textStart, textStop - textStart, textFirstLine, null);
    }
    textStart = start;
    textStop = stop;
    textLines = 1;
    textFirstLine = line;
  }

  /** Adds the open plain-text event, if any: the next line is not plain text. */
  private void endText(byte[] body) {
    traces.reset();
    partials.reset();
    if (textStart >= 0) {
      addText(body, textStart, textStop - textStart, textFirstLine, null);
      textStart = -1;
    }
  }

  /** Reads a JSON body: one object, an array of objects, or several of either in a row. */
  ParsedRequest parseJson(byte[] body, int length) {
    int index = 0;
    try (JsonParser parser = JSON.createParser(body, 0, length)) {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        if (token == JsonToken.START_ARRAY) {
          while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (token == null) {
              throw new IOException("unterminated array");
            }
            readElement(parser, token, body, index);
            index++; // only once read, so malformed JSON inside an element reports that element
          }
        } else {
          readElement(parser, token, body, index);
          index++;
        }
      }
    } catch (JsonProcessingException e) {
      var where = e.getLocation();
      rejectRest(where == null ? null : where.getLineNr(), index,
          "malformed JSON at line " + (where == null ? "?" : where.getLineNr()) + ", column "
              + (where == null ? "?" : where.getColumnNr()) + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      rejectRest(null, index, "malformed JSON: " + e.getMessage());
    }
    return finish();
  }

  private void readElement(JsonParser parser, JsonToken token, byte[] body, int index)
      throws IOException {
    int line = parser.currentTokenLocation().getLineNr();
    switch (token) {
      case START_OBJECT -> {
        int start = (int) parser.currentTokenLocation().getByteOffset();
        int fields = JsonEvents.countLeaves(parser, times);
        int end = (int) parser.currentLocation().getByteOffset();
        if (end - start > maxEventBytes) {
          reject(line, index, "event is " + (end - start) + " bytes; the limit is " + maxEventBytes);
        } else if (fields > maxFields) {
          reject(line, index, "event has " + fields + " fields; the limit is " + maxFields);
        } else {
          addObject(body, start, end - start, line, index);
        }
      }
      case VALUE_STRING -> {
        byte[] text = parser.getText().getBytes(StandardCharsets.UTF_8);
        if (text.length > maxEventBytes) {
          reject(line, index, "event is " + text.length + " bytes; the limit is " + maxEventBytes);
        } else {
          addText(text, 0, text.length, line, index);
        }
      }
      default -> {
        parser.skipChildren();
        reject(line, index, "expected a JSON object (or a string of plain text), found " + token);
      }
    }
  }

  /**
   * The number of fields of the one JSON object that the line from {@code first} to {@code stop}
   * holds, or -1 when it is not exactly one whole JSON object.
   */
  private int objectFields(byte[] body, int first, int stop, int length) {
    int fields = nextLineObjectFields(body, first, stop, length);
    return fields >= 0 ? fields : countObjectFields(body, first, stop - first, times);
  }

  /**
   * As {@link #objectFields}, read by the parser the JSON lines before share; -1 when it cannot
   * tell, and then the line is checked by a parser of its own.
   */
  private int nextLineObjectFields(byte[] body, int first, int stop, int length) {
    try {
      // Only whitespace may lie between the last object read and this one, or the parser would
      // read what is between (plain-text lines) as JSON.
      if (lineParser == null || !whitespace(body, lineParserEnd, first)) {
        closeLineParser();
        lineParser = JSON.createParser(body, first, length - first);
        lineParserBase = first;
      }
      if (lineParser.nextToken() != JsonToken.START_OBJECT
          || lineParser.currentTokenLocation().getByteOffset() + lineParserBase != first) {
        closeLineParser();
        return -1;
      }
      int fields = JsonEvents.countLeaves(lineParser, times);
      int end = (int) lineParser.currentLocation().getByteOffset() + lineParserBase;
      // An object that goes on past its line, or that something other than whitespace follows on
      // it, is not an event object: the line is plain text.
      if (end > stop || !whitespace(body, end, stop)) {
        closeLineParser();
        return -1;
      }
      lineParserEnd = end;
      return fields;
    } catch (IOException e) {
      closeLineParser();
      return -1;
    }
  }

  private void closeLineParser() {
    if (lineParser != null) {
      try {
        lineParser.close();
      } catch (IOException e) {
        // a parser over a byte array has nothing to release that can fail
      }
      lineParser = null;
    }
  }

  /** Whether the bytes from {@code from} to {@code to} are all JSON whitespace. */
  private static boolean whitespace(byte[] body, int from, int to) {
    for (int i = from; i < to; i++) {
      byte b = body[i];
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        return false;
      }
    }
    return true;
  }

  /**
   * The number of fields of the one JSON object that {@code len} bytes at {@code off} hold, or -1
   * when they are not exactly one whole JSON object.
   */
  private static int countObjectFields(byte[] body, int off, int len, EventTimeScan times) {
    try (JsonParser parser = JSON.createParser(body, off, len)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return -1;
      }
      int fields = JsonEvents.countLeaves(parser, times);
      return parser.nextToken() == null ? fields : -1;
    } catch (IOException e) {
      return -1;
    }
  }

  /** Adds a JSON object event whose members {@link #times} has just seen, unless it is expired. */
  private void addObject(byte[] body, int off, int len, int line, Integer index) {
    if (cutoff != null && cutoff.expired(times.objectTime(ingestedAtMillis))) {
      expire(line, index);
    } else {
      records.add(EventNormalizer.KIND_JSON, body, off, len);
    }
  }

  /** Adds a plain-text event, unless it is expired. */
  private void addText(byte[] body, int off, int len, int line, Integer index) {
    if (cutoff != null && cutoff.expired(times.textTime(body, off, len, ingestedAtMillis))) {
      expire(line, index);
    } else {
      records.add(EventNormalizer.KIND_TEXT, body, off, len);
    }
  }

  private void expire(int line, Integer index) {
    expired++;
    reject(line, index, cutoff.reason());
  }

  private void reject(Integer line, Integer index, String reason) {
    rejected++;
    if (errors.size() < MAX_LISTED_ERRORS) {
      errors.add(new IngestResult.EventError(line, index, reason));
    }
  }

  private void rejectRest(Integer line, int index, String reason) {
    reject(line, index, reason + " (the rest of the body was not read)");
  }

  private ParsedRequest finish() {
    closeLineParser();
    int accepted = records.count();
    return new ParsedRequest(records.finish(), accepted, rejected, errors, expired);
  }

  private static int skipWhitespace(byte[] body, int from, int to) {
    int i = from;
    while (i < to && (body[i] == ' ' || body[i] == '\t' || body[i] == '\r' || body[i] == '\n'
        || (i == from && i + 2 < to && (body[i] & 0xff) == 0xEF && (body[i + 1] & 0xff) == 0xBB
            && (body[i + 2] & 0xff) == 0xBF))) {
      i += (body[i] & 0xff) == 0xEF ? 3 : 1;
    }
    return i;
  }
}
