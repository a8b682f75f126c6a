package io.amlnet.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LoadState;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.compiler.LuaC;
import org.luaj.vm2.lib.PackageLib;
import org.luaj.vm2.lib.StringLib;
import org.luaj.vm2.lib.TableLib;
import org.luaj.vm2.lib.jse.JseBaseLib;
import org.luaj.vm2.lib.jse.JseMathLib;

/**
 * Runs deploy/argocd/health.lua as Argo CD does: the object as the global {@code obj}, the script's
 * returned table read for {@code status} and {@code message}. Only the libraries Argo CD's sandbox
 * also offers (base, package, string, table, math) are loaded: no os, no io.
 */
public final class ArgoCdHealth {
  public static final Path SCRIPT = Path.of("deploy/argocd/health.lua");

  /** Argo CD's health status and the message it shows. */
  public record Health(String status, String message) {}

  private final String script;

  private ArgoCdHealth(String script) {
    this.script = script;
  }

  public static ArgoCdHealth load() {
    try {
      return new ArgoCdHealth(Files.readString(SCRIPT));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Health of(JsonNode object) {
    Globals globals = new Globals();
    globals.load(new JseBaseLib());
    globals.load(new PackageLib());
    globals.load(new StringLib());
    globals.load(new TableLib());
    globals.load(new JseMathLib());
    LoadState.install(globals);
    LuaC.install(globals);
    globals.set("obj", lua(object));
    LuaValue result = globals.load(script, SCRIPT.toString()).call();
    return new Health(result.get("status").optjstring(null), result.get("message").optjstring(null));
  }

  /** JSON as Argo CD hands it to Lua: objects and arrays as tables (arrays from index 1), null as absent. */
  static LuaValue lua(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return LuaValue.NIL;
    }
    if (node.isObject()) {
      LuaTable table = new LuaTable();
      for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        table.set(field.getKey(), lua(field.getValue()));
      }
      return table;
    }
    if (node.isArray()) {
      LuaTable table = new LuaTable();
      for (int i = 0; i < node.size(); i++) {
        table.set(i + 1, lua(node.get(i)));
      }
      return table;
    }
    if (node.isIntegralNumber()) {
      return org.luaj.vm2.LuaInteger.valueOf(node.asLong());
    }
    if (node.isNumber()) {
      return LuaValue.valueOf(node.asDouble());
    }
    if (node.isBoolean()) {
      return LuaValue.valueOf(node.asBoolean());
    }
    return LuaValue.valueOf(node.asText());
  }
}
