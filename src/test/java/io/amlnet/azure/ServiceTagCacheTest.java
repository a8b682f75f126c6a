package io.amlnet.azure;

import static org.assertj.core.api.Assertions.assertThat;

import io.amlnet.plan.ServiceTagList;
import java.time.Clock;
import java.time.Duration;
import io.amlnet.testing.MovableClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** One service-tag read per (subscription, region) and refresh period, shared by all environments. */
class ServiceTagCacheTest {

  @Test
  void environmentsOfOneRegionShareOneReadPerRefreshPeriod() {
    MovableClock clock = new MovableClock(Instant.parse("2026-11-27T00:00:00Z"));
    ServiceTagCache cache = new ServiceTagCache(Duration.ofHours(24), clock);
    AtomicInteger reads = new AtomicInteger();
    for (int environment = 0; environment < 50; environment++) {
      cache.get("sub", "eastus2", r -> {
        reads.incrementAndGet();
        return new ServiceTagList("1", List.of());
      });
    }
    assertThat(reads).hasValue(1);
    clock.advance(Duration.ofHours(25));
    cache.get("sub", "eastus2", r -> {
      reads.incrementAndGet();
      return new ServiceTagList("1", List.of());
    });
    assertThat(reads).hasValue(2);
  }

  @Test
  void aNewChangeNumberIsAnnouncedOnceAndAnUnchangedOneNotAtAll() {
    ServiceTagCache cache = new ServiceTagCache(Duration.ofHours(24), new MovableClock(Instant.parse("2026-11-27T00:00:00Z")));
    List<String> heard = new ArrayList<>();
    cache.onChange((sub, region, change) -> heard.add(region + "@" + change));
    cache.get("sub", "eastus2", r -> new ServiceTagList("1", List.of()));
    cache.refresh("sub", "eastus2", r -> new ServiceTagList("1", List.of()));
    cache.refresh("sub", "eastus2", r -> new ServiceTagList("2", List.of()));
    assertThat(heard).containsExactly("eastus2@2");
  }
}
