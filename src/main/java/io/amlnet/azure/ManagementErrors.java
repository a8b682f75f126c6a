package io.amlnet.azure;

import com.azure.core.management.exception.ManagementError;
import com.azure.core.management.exception.ManagementException;
import com.azure.core.management.serializer.SerializerFactory;
import com.azure.core.util.serializer.SerializerAdapter;
import com.azure.core.util.serializer.SerializerEncoding;
import java.io.IOException;

/**
 * The one place where ARM's error answers become amlnet's {@link ArmException} (HTTP status, ARM's
 * error code, ARM's message), whether the SDK threw them ({@link ManagementException}) or a raw
 * request got them, so {@link ArmErrors}' table, the busy answers (412, AnotherOperationInProgress)
 * and 404-as-absent read the same either way. Messages are ARM's own and the request's URL, never a
 * header: no token can reach them.
 */
public final class ManagementErrors {
  private static final SerializerAdapter SERIALIZER = SerializerFactory.createDefaultManagementSerializerAdapter();

  private ManagementErrors() {}

  /** What the SDK threw for a non-success answer. */
  public static ArmException of(ManagementException e) {
    int status = e.getResponse() == null ? 502 : e.getResponse().getStatusCode();
    ManagementError error = e.getValue();
    String code = error == null || error.getCode() == null ? "HttpStatus" + status : error.getCode();
    String message = error == null || error.getMessage() == null ? "no message" : error.getMessage();
    return new ArmException(status, code, message);
  }

  /** A raw answer's error body ({@code {"error": {...}}} or the error itself), read with the SDK's error type. */
  public static ArmException of(int status, String body) {
    ManagementError error = parse(body);
    String code = error == null || error.getCode() == null ? "HttpStatus" + status : error.getCode();
    String message = error == null || error.getMessage() == null
        ? (body == null || body.isBlank() ? "no message" : body) : error.getMessage();
    return new ArmException(status, code, message);
  }

  /** The error of an operation ARM reports as Failed or Canceled (its status body's {@code error}). */
  public static ArmException ofOperation(String statusBody, String status) {
    ManagementError error;
    try {
      com.fasterxml.jackson.databind.JsonNode body = statusBody == null || statusBody.isBlank() ? null
          : new com.fasterxml.jackson.databind.ObjectMapper().readTree(statusBody);
      error = body == null || !body.has("error") ? null : parse(body.get("error").toString());
    } catch (IOException notJson) {
      error = null;
    }
    return new ArmException(200, error == null || error.getCode() == null ? "OperationFailed" : error.getCode(),
        error == null || error.getMessage() == null ? "the long-running operation ended " + status : error.getMessage());
  }

  private static ManagementError parse(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    try {
      return SERIALIZER.deserialize(body, ManagementError.class, SerializerEncoding.JSON);
    } catch (IOException | RuntimeException notAnError) {
      return null;
    }
  }
}
