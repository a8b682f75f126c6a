package io.amlnet.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;
import java.util.Map;

/** Which namespaces a grant selects, and what it lets them use. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.namespaces) || has(self.namespaceSelector)",
    message = "name the namespaces, select them by label, or both")
public record AzureAccessGrantSpec(
    @Size(max = 256)
    @JsonPropertyDescription("Namespaces this grant selects, by name.")
    List<@Pattern("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$") @Size(max = 63) String> namespaces,
    @JsonPropertyDescription("Namespaces this grant selects by their labels; {} selects every namespace.")
    NamespaceSelector namespaceSelector,
    @Required @Size(max = 256)
    @JsonPropertyDescription("Azure scopes the selected namespaces may touch, compared case-insensitively: a "
        + "subscription (/subscriptions/GUID), a resource group (.../resourceGroups/NAME), a single VNet "
        + "(.../providers/Microsoft.Network/virtualNetworks/NAME), or * for every scope.")
    List<@Pattern(SCOPE) @Size(max = 300) String> scopes,
    @Required @JsonPropertyDescription("Azure identities the selected namespaces may use.")
    Identities identities) {

  /** "*", or a subscription, resource group or VNet ID; the words in any case, as ARM compares them. */
  public static final String SCOPE = "^(\\*|/[sS][uU][bB][sS][cC][rR][iI][pP][tT][iI][oO][nN][sS]/"
      + "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
      + "(/[rR][eE][sS][oO][uU][rR][cC][eE][gG][rR][oO][uU][pP][sS]/[-\\w._()]{0,89}[-\\w_()]"
      + "(/[pP][rR][oO][vV][iI][dD][eE][rR][sS]/[mM][iI][cC][rR][oO][sS][oO][fF][tT]\\.[nN][eE][tT][wW][oO][rR][kK]"
      + "/[vV][iI][rR][tT][uU][aA][lL][nN][eE][tT][wW][oO][rR][kK][sS]/[a-zA-Z0-9]([-a-zA-Z0-9._]{0,78}[a-zA-Z0-9_])?)?)?)$";

  /** Namespaces whose labels include every one of matchLabels; {} (no labels) selects every namespace. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record NamespaceSelector(
      @JsonPropertyDescription("Labels a namespace must carry, each with this value.")
      Map<String, String> matchLabels) {}

  /**
   * The identities an environment may name in spec.credential. A secretName credential is the
   * namespace's own Secret (its holder already has that identity), so it needs no entry here; the
   * scopes still apply to it.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Identities(
      @JsonPropertyDescription("Environments without spec.credential may use the operator's own identity.")
      Boolean operatorDefault,
      @Size(max = 256)
      @JsonPropertyDescription("ServiceAccounts (spec.credential.serviceAccountName, in the environment's own "
          + "namespace) they may use; * for any.")
      List<@Pattern("^(\\*|[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?)$") @Size(max = 253) String> serviceAccounts,
      @Size(max = 256)
      @JsonPropertyDescription("Client IDs (spec.credential.federatedClientId) they may use; * for any.")
      List<@Pattern("^(\\*|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$")
          @Size(max = 36) String> clientIds) {

    public boolean allowsOperatorDefault() {
      return Boolean.TRUE.equals(operatorDefault);
    }
  }
}
