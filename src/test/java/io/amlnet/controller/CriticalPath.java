package io.amlnet.controller;

import io.amlnet.sandbox.RequestLog;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How many long-running operations ARM had to run one after another for the writes a request log
 * shows: the busiest independent object (an NSG, route table or public IP; ARM runs one operation
 * per object, so rules of one NSG queue behind each other), then the NAT gateway (after its IP),
 * then the subnet (after everything it references), then deletes one after another.
 */
final class CriticalPath {
  private CriticalPath() {}

  static int operationsInChain(List<RequestLog.Entry> entries) {
    Map<String, Integer> perObject = new HashMap<>();
    int natGateway = 0;
    int subnet = 0;
    int deletes = 0;
    for (RequestLog.Entry e : entries) {
      boolean accepted = e.status() == 200 || e.status() == 201 || e.status() == 202;
      String path = e.path().toLowerCase(Locale.ROOT);
      if (!accepted || !path.contains("/providers/microsoft.network/")) {
        continue;
      }
      if (e.method().equals("DELETE")) {
        deletes++;
      } else if (!e.method().equals("PUT")) {
        continue;
      } else if (path.contains("/subnets/")) {
        subnet++;
      } else if (path.contains("/natgateways/")) {
        natGateway++;
      } else {
        int child = Math.max(path.indexOf("/securityrules/"), path.indexOf("/routes/"));
        perObject.merge(child < 0 ? path : path.substring(0, child), 1, Integer::sum);
      }
    }
    int first = perObject.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    return first + natGateway + subnet + deletes;
  }
}
