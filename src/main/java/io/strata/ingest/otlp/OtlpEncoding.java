package io.strata.ingest.otlp;

import java.util.Locale;

/** The two encodings of OTLP/HTTP, told apart by the request's {@code Content-Type}. */
enum OtlpEncoding {
  PROTOBUF("application/x-protobuf"),
  JSON("application/json");

  /** The media type of requests and responses in this encoding. */
  final String mediaType;

  OtlpEncoding(String mediaType) {
    this.mediaType = mediaType;
  }

  /**
   * The encoding of a request with this {@code Content-Type} (parameters ignored; {@code
   * application/protobuf} is taken for protobuf), or null when it is neither.
   */
  static OtlpEncoding find(String contentType) {
    if (contentType == null) {
      return null;
    }
    String type = contentType.toLowerCase(Locale.ROOT);
    int semicolon = type.indexOf(';');
    type = (semicolon < 0 ? type : type.substring(0, semicolon)).strip();
    return switch (type) {
      case "application/x-protobuf", "application/protobuf" -> PROTOBUF;
      case "application/json" -> JSON;
      default -> null;
    };
  }
}
