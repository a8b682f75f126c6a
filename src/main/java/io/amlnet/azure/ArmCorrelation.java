package io.amlnet.azure;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import reactor.core.publisher.Mono;

/**
 * Ties ARM's records to amlnet's: every request of one reconcile carries the reconcile id as
 * {@code x-ms-correlation-request-id} (ARM keeps a caller's correlation id, so Azure's activity log
 * can be searched by it), and each answer is logged with ARM's correlation and request ids in the
 * log context: failures at info, the rest at debug. URLs carry resource IDs, never secrets.
 * For audit, each request also names the object that caused it ({@code x-amlnet-object:
 * namespace/name}): ARM takes only GUIDs as correlation ids, so this is what proxies, firewalls and
 * the emulator's log can show, and the correlation id links ARM's activity log to amlnet's log lines.
 */
public final class ArmCorrelation implements HttpPipelinePolicy {
  /** Log-context key of the reconcile that is running on this thread (a UUID). */
  public static final String RECONCILE_ID = "reconcileId";
  /** Log-context key of the object ({@code namespace/name}) whose reconcile is running on this thread. */
  public static final String OBJECT = "object";
  /** The request header that names that object. */
  public static final HttpHeaderName OBJECT_HEADER = HttpHeaderName.fromString("x-amlnet-object");
  public static final String CORRELATION_ID = "armCorrelationId";
  public static final String REQUEST_ID = "armRequestId";
  private static final HttpHeaderName CORRELATION = HttpHeaderName.fromString("x-ms-correlation-request-id");
  private static final HttpHeaderName ARM_REQUEST = HttpHeaderName.fromString("x-ms-request-id");
  private static final Logger LOG = LoggerFactory.getLogger(ArmCorrelation.class);

  @Override
  public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
    correlate(context.getHttpRequest());
    HttpRequest request = context.getHttpRequest();
    // The typed SDK's requests answer on reactor's threads: the line carries the caller's log context.
    java.util.Map<String, String> caller = MDC.getCopyOfContextMap();
    return next.process().doOnNext(response -> {
      java.util.Map<String, String> own = MDC.getCopyOfContextMap();
      setContext(caller);
      try {
        log(request, response);
      } finally {
        setContext(own);
      }
    });
  }

  private static void setContext(java.util.Map<String, String> context) {
    if (context == null) {
      MDC.clear();
    } else {
      MDC.setContextMap(context);
    }
  }

  @Override
  public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
    correlate(context.getHttpRequest());
    HttpResponse response = next.processSync();
    log(context.getHttpRequest(), response);
    return response;
  }

  private static void correlate(HttpRequest request) {
    String reconcile = MDC.get(RECONCILE_ID);
    if (reconcile != null && request.getHeaders().getValue(CORRELATION) == null) {
      request.setHeader(CORRELATION, reconcile);
    }
    String object = MDC.get(OBJECT);
    if (object != null) {
      request.setHeader(OBJECT_HEADER, object);
    }
  }

  private static void log(HttpRequest request, HttpResponse response) {
    int status = response.getStatusCode();
    boolean failed = status >= 400 && status != 404;
    if (!(failed ? LOG.isInfoEnabled() : LOG.isDebugEnabled())) {
      return;
    }
    putIfPresent(CORRELATION_ID, response.getHeaderValue(CORRELATION));
    putIfPresent(REQUEST_ID, response.getHeaderValue(ARM_REQUEST));
    try {
      String line = "ARM {} {} answered {}";
      Object[] args = {request.getHttpMethod(), ArmResourceType.of(request.getUrl().getPath()), status};
      if (failed) {
        LOG.info(line, args);
      } else {
        LOG.debug(line, args);
      }
    } finally {
      MDC.remove(CORRELATION_ID);
      MDC.remove(REQUEST_ID);
    }
  }

  private static void putIfPresent(String key, String value) {
    if (value != null) {
      MDC.put(key, value);
    }
  }
}
