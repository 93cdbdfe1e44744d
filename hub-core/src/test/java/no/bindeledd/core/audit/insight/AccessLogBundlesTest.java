package no.bindeledd.core.audit.insight;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import no.bindeledd.core.consent.ConsentDecision.Refusal;
import no.bindeledd.core.consent.DataCategory;
import no.bindeledd.core.consent.Purpose;
import no.bindeledd.core.text.BundleFiles;
import no.bindeledd.core.text.LanguageBundleContract;

/** The access log's bundles, one for each of the hub's languages, are complete and agree. */
class AccessLogBundlesTest extends LanguageBundleContract {

  private static final BundleFiles FILES =
      new BundleFiles("/no/bindeledd/core/audit/insight/", "accesslog");

  @Override
  protected String bundle() {
    return AccessLogTexts.BUNDLE;
  }

  @Override
  protected BundleFiles files() {
    return FILES;
  }

  /** A text for every kind of line (and each look by a person), category, purpose and refusal. */
  @Override
  protected List<String> codeKeys() {
    List<String> keys = new ArrayList<>();
    for (AccessKind kind : AccessKind.values()) {
      keys.add("line." + kind.code());
      if (kind.isALook()) {
        keys.add("line." + kind.code() + ".self");
        keys.add("line." + kind.code() + ".person");
      }
    }
    Stream.of(DataCategory.values()).forEach(c -> keys.add("category." + c.code()));
    Stream.of(Purpose.values()).forEach(p -> keys.add("purpose." + p.code()));
    Stream.of(Refusal.values()).forEach(r -> keys.add("refusal." + r.code()));
    keys.add("refusal.unknown");
    return keys;
  }
}
