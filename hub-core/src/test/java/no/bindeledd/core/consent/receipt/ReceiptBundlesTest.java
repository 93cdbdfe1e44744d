package no.bindeledd.core.consent.receipt;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import no.bindeledd.core.consent.CollectionMethod;
import no.bindeledd.core.consent.ConsentStatus;
import no.bindeledd.core.consent.DataCategory;
import no.bindeledd.core.consent.Purpose;
import no.bindeledd.core.text.BundleFiles;
import no.bindeledd.core.text.LanguageBundleContract;

/** The receipt's bundles, one for each of the hub's languages, are complete and agree. */
class ReceiptBundlesTest extends LanguageBundleContract {

  private static final BundleFiles FILES =
      new BundleFiles("/no/bindeledd/core/consent/receipt/", "receipt");

  @Override
  protected String bundle() {
    return ReceiptTexts.BUNDLE;
  }

  @Override
  protected BundleFiles files() {
    return FILES;
  }

  @Override
  protected List<String> codeKeys() {
    List<String> keys = new ArrayList<>();
    Stream.of(DataCategory.values()).forEach(c -> keys.add("category." + c.code()));
    Stream.of(DataCategory.values())
        .filter(c -> !c.isHealthData())
        .forEach(
            c -> {
              keys.add("topic." + c.code() + ".own");
              keys.add("topic." + c.code() + ".other");
            });
    Stream.of(Purpose.values()).forEach(p -> keys.add("purpose." + p.code()));
    Stream.of(Purpose.values()).forEach(p -> keys.add("why." + p.code()));
    Stream.of(CollectionMethod.values()).forEach(m -> keys.add("method." + m.code()));
    Stream.of(ConsentStatus.values())
        .forEach(s -> keys.add("status." + s.name().toLowerCase(Locale.ROOT).replace('_', '-')));
    return keys;
  }
}
