package io.amlnet.controller;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.amlnet.api.TrainingCompute;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** A compute's status as AML reports it. */
class ComputeStatusTest {

  @Test
  void aFailedComputeIsStalledWithAmlsOwnErrorCode() throws Exception {
    TrainingCompute tc = new TrainingCompute();
    tc.setMetadata(new ObjectMetaBuilder().withName("c").withGeneration(1L).build());
    var failed = new ObjectMapper().readTree("""
        {"id": "/x/computes/c", "properties": {"computeType": "AmlCompute", "provisioningState": "Failed",
         "provisioningErrors": [{"error": {"code": "RequestDisallowedByPolicy", "message": "denied by no-pip"}}]}}""");
    var conditions = new ComputeStatus(Clock.systemUTC()).observed(tc, failed, null).getConditions();
    Condition stalled = Conditions.find(conditions, Conditions.STALLED);
    assertThat(stalled.getStatus()).isEqualTo("True");
    assertThat(stalled.getReason()).isEqualTo("RequestDisallowedByPolicy");
    assertThat(stalled.getMessage()).isEqualTo("denied by no-pip");
  }
}
