package io.amlnet.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.policy.BearerTokenAuthenticationPolicy;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.core.http.policy.UserAgentPolicy;
import java.time.Duration;

/**
 * The azure-core pipeline amlnet sends every ARM request through: bounded exponential backoff with
 * jitter that honours Retry-After on 429 and 5xx (azure-core's own retry policy), then the
 * per-subscription budget, then the bearer token. The reconcile's correlation id goes on each
 * request before the retries; every attempt is counted after them.
 */
public final class ArmPipelines {
  public static final String ARM_SCOPE = "https://management.azure.com/.default";

  private ArmPipelines() {}

  public static HttpPipeline build(TokenCredential credential, ArmEndpoint endpoint, RequestBudget budget,
      RetrySettings retry) {
    return build(credential, endpoint, budget, retry, ArmRequestMetrics.unobserved());
  }

  public static HttpPipeline build(TokenCredential credential, ArmEndpoint endpoint, RequestBudget budget,
      RetrySettings retry, ArmRequestMetrics metrics) {
    return new HttpPipelineBuilder()
        .httpClient(endpoint.httpClient())
        .policies(
            new UserAgentPolicy("amlnet"),
            new ArmCorrelation(),
            new RetryPolicy(new RetryOptions(new ExponentialBackoffOptions()
                .setMaxRetries(retry.maxRetries())
                .setBaseDelay(retry.baseDelay())
                .setMaxDelay(retry.maxDelay()))),
            metrics,
            budget,
            new BearerTokenAuthenticationPolicy(credential, ARM_SCOPE))
        .build();
  }

  /** How hard one request is retried before the reconcile gives up and retries later. */
  public record RetrySettings(int maxRetries, Duration baseDelay, Duration maxDelay) {
    public static final RetrySettings DEFAULT = new RetrySettings(5, Duration.ofMillis(800), Duration.ofSeconds(30));
  }
}
