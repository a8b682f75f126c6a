package io.amlnet.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The service-tag list in ARM's own schema, as Microsoft's example returns it. */
class ServiceTagListTest {

  @Test
  void readsMicrosoftsServiceTagsListExample() throws IOException {
    Path example = Path.of("../shared/azure-rest-examples/network/2024-05-01/ServiceTagsList.json");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(example), "shared examples not beside the project");
    ServiceTagList list = ServiceTagList.fromArm(
        new ObjectMapper().readTree(example.toFile()).path("responses").path("200").path("body"));
    assertThat(list.changeNumber()).isEqualTo("63");
    assertThat(list.regional("ServiceBus", "eastus2")).get()
        .satisfies(tag -> {
          assertThat(tag.name()).isEqualTo("ServiceBus.EastUS2");
          assertThat(tag.addressPrefixes()).containsExactly("13.68.110.36/32", "40.70.146.64/29");
        });
    assertThat(list.regional("ApiManagement", "eastus2")).isEmpty();
  }

  @Test
  void tagNamesCompareCaseInsensitivelyAsArmDoes() {
    ServiceTagList list = new ServiceTagList("1", java.util.List.of(
        new ServiceTag("Storage", "", "AzureStorage", "1", java.util.List.of())));
    assertThat(list.named("storage")).isPresent();
  }
}
