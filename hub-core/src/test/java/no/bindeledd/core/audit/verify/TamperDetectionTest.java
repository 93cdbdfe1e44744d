package no.bindeledd.core.audit.verify;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import no.bindeledd.core.audit.checkpoint.Checkpoint;
import no.bindeledd.core.audit.checkpoint.Ed25519Keys;
import no.bindeledd.core.audit.checkpoint.SignedNote;
import no.bindeledd.core.audit.checkpoint.VerifierKey;
import no.bindeledd.core.audit.merkle.LogTree;
import no.bindeledd.core.audit.verify.ExportVerifier.Options;
import no.bindeledd.core.audit.verify.Failure.Kind;
import no.bindeledd.core.canonical.CanonicalJson;
import no.bindeledd.core.crypto.Pem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tamper detection, proven case by case: a log of 60 entries with checkpoints at 10, 20, ... 60,
 * each signed and timestamped, changed in every way an export can be changed. Every case must be
 * detected, and reported at the first entry or file where the change can be seen. Where a change
 * leaves an entry sound on its own, the chain shows it at the next entry; where the chain was made
 * anew, the first checkpoint that covers the change shows it; changes that a signature covers are
 * reported at that signature.
 */
class TamperDetectionTest {

  private static final long[] SIZES = {10, 20, 30, 40, 50, 60};
  private static final int COUNT = 60;
  private static final String ENTRIES = ExportLayout.ENTRIES;

  @TempDir static Path dir;

  private static ExportFixture fixture;
  private static ExportFixture.Log log;
  private static Map<String, byte[]> base;
  private static KeyPair attacker;
  private static LogTree tree;
  private static ExportVerifier verifier;
  private static final AtomicLong files = new AtomicLong();

  /** Where a case must be reported: the failure's kind, file and entry, and words it contains. */
  record Expect(Kind kind, String file, long entry, String words) {

    static Expect entry(long seq, String words) {
      return new Expect(Kind.ENTRY, ENTRIES, seq, words);
    }

    static Expect at(Kind kind, String file, String words) {
      return new Expect(kind, file, 0, words);
    }

    String where() {
      return entry > 0 ? "entry " + entry : file == null ? "the archive" : file;
    }
  }

  /** One way of tampering, and where it must be found. */
  record Case(String group, String name, Supplier<Optional<Failure>> check, Expect expect) {}

  @BeforeAll
  static void writeExport() {
    fixture = new ExportFixture(dir.resolve("keys"));
    log = fixture.log(COUNT, SIZES);
    base = ExportFixture.unzip(fixture.export(log));
    attacker = Ed25519Keys.generate();
    tree = new LogTree();
    log.entries().forEach(tree::appendEntry);
    verifier = new ExportVerifier(fixture.anchors(), Options.defaults().withInclusionSamples(4));
  }

  @Test
  void theUntamperedExportVerifies() {
    assertThat(verify(base)).isEmpty();
  }

  @Test
  void thereAreAtLeastFiveHundredCasesOfEveryKindTheIssueNames() {
    Map<String, Long> byGroup =
        cases().stream()
            .collect(Collectors.groupingBy(Case::group, TreeMap::new, Collectors.counting()));

    assertThat(byGroup.values().stream().mapToLong(Long::longValue).sum())
        .isGreaterThanOrEqualTo(500);
    assertThat(byGroup)
        .containsKeys(
            "a bit flipped in an entry",
            "an entry edited",
            "an entry edited and the chain made anew",
            "an entry deleted",
            "an entry inserted",
            "an entry duplicated",
            "entries reordered",
            "the tail truncated",
            "a bit flipped in a checkpoint note",
            "a root changed and signed again",
            "a bit flipped in a timestamp token",
            "a wrong tree size signed",
            "checkpoints swapped",
            "garbage before or after",
            "a file missing",
            "an unknown or unsafe file",
            "the manifest changed",
            "the anchors in the export changed",
            "an inclusion proof changed",
            "a consistency proof changed",
            "a checkpoint dropped with its token",
            "checkpoints reordered",
            "a checkpoint replaced by another the log signed",
            "the export's last entry edited",
            "the export time changed",
            "the manifest's signature removed or changed",
            "an export of the older format",
            "a rewrite signed anew, caught by a saved checkpoint");
  }

  @TestFactory
  Stream<DynamicNode> everyTamperingIsDetectedWhereItCanFirstBeSeen() {
    Map<String, List<Case>> byGroup =
        cases().stream()
            .collect(Collectors.groupingBy(Case::group, LinkedHashMap::new, Collectors.toList()));
    return byGroup.entrySet().stream()
        .map(
            group ->
                DynamicContainer.dynamicContainer(
                    group.getKey() + " (" + group.getValue().size() + ")",
                    group.getValue().stream()
                        .map(
                            c ->
                                DynamicTest.dynamicTest(
                                    c.name() + " → found at " + c.expect().where(),
                                    () -> assertFoundAt(c)))));
  }

  private static void assertFoundAt(Case c) {
    Optional<Failure> found = c.check().get();

    assertThat(found).as("the change was accepted").isPresent();
    Failure failure = found.get();
    Expect expect = c.expect();
    assertThat(failure.kind()).as(failure.describe()).isEqualTo(expect.kind());
    assertThat(failure.file()).as(failure.describe()).isEqualTo(expect.file());
    assertThat(failure.entry()).as(failure.describe()).isEqualTo(expect.entry());
    if (expect.words() != null) {
      assertThat(failure.problem()).contains(expect.words());
    }
  }

  static List<Case> cases() {
    List<Case> cases = new ArrayList<>();
    entryBits(cases);
    entryEdits(cases);
    deletions(cases);
    insertions(cases);
    duplicates(cases);
    reorders(cases);
    truncations(cases);
    noteBits(cases);
    rootsSignedAgain(cases);
    tokenBits(cases);
    wrongSizes(cases);
    swaps(cases);
    garbage(cases);
    missing(cases);
    unknownFiles(cases);
    manifests(cases);
    anchors(cases);
    inclusionProofs(cases);
    consistencyProofs(cases);
    droppedCheckpoints(cases);
    reorderedCheckpoints(cases);
    replacedCheckpoints(cases);
    lastEntry(cases);
    exportTime(cases);
    manifestSignatures(cases);
    olderFormat(cases);
    rewritesCaughtBySavedCheckpoints(cases);
    return cases;
  }

  // Entries.

  private static void entryBits(List<Case> cases) {
    int[] seqs = {1, 2, 3, 7, 10, 11, 16, 17, 20, 21, 29, 30, 35, 41, 49, 50, 51, 58, 59, 60};
    for (int seq : seqs) {
      byte[] entry = entry(seq);
      for (int j = 0; j < 8; j++) {
        int at = (entry.length - 1) * j / 7;
        int bit = (3 * j + seq) % 8;
        byte[] changed = flip(entry, at, bit);
        Expect expect =
            TestEntries.soundOnItsOwn(changed, seq, prevOf(seq))
                ? changedButSound(seq)
                : Expect.entry(seq, null);
        cases.add(
            exportCase(
                "a bit flipped in an entry",
                "entry " + seq + ", bit " + bit + " of byte " + at + " " + shown(entry[at]),
                () -> withEntry(seq, changed),
                expect));
      }
    }
  }

  private static void entryEdits(List<Case> cases) {
    Map<String, Object> edits = new LinkedHashMap<>();
    edits.put("actor", "mallory");
    edits.put("action", "person.read");
    edits.put("outcome", "refused");
    edits.put("reason", "changed afterwards");
    edits.put("time", null);
    for (int seq : new int[] {1, 5, 17, 30, 44, 59, 60}) {
      for (Map.Entry<String, Object> edit : edits.entrySet()) {
        byte[] changed = edited(seq, edit.getKey(), edit.getValue());
        cases.add(
            exportCase(
                "an entry edited",
                "entry " + seq + ", " + edit.getKey() + " changed",
                () -> withEntry(seq, changed),
                changedButSound(seq)));
      }
    }
    for (int seq : new int[] {1, 9, 10, 11, 17, 20, 25, 33, 40, 41, 50, 55, 60}) {
      for (String member : List.of("actor", "outcome")) {
        cases.add(
            exportCase(
                "an entry edited and the chain made anew",
                "entry " + seq + ", " + member + " changed, every later link recomputed",
                () -> {
                  List<byte[]> entries = entries();
                  entries.set(
                      seq - 1, edited(seq, member, member.equals("actor") ? "mallory" : null));
                  return withEntries(TestEntries.renumberAndRelink(entries, seq));
                },
                rootDiffers(ceil10(seq))));
      }
    }
  }

  private static void deletions(List<Case> cases) {
    for (int seq : new int[] {1, 2, 10, 11, 17, 20, 30, 45, 59, 60}) {
      cases.add(
          exportCase(
              "an entry deleted",
              "entry " + seq + " deleted",
              () -> {
                List<byte[]> entries = entries();
                entries.remove(seq - 1);
                return withEntries(entries);
              },
              seq < COUNT
                  ? Expect.entry(seq, "numbered " + (seq + 1))
                  : Expect.entry(COUNT, "entry 60 is missing")));
    }
    for (int seq : new int[] {1, 10, 11, 17, 20, 30, 45, 50, 51, 59, 60}) {
      cases.add(
          exportCase(
              "an entry deleted",
              "entry " + seq + " deleted, the later entries numbered and linked anew",
              () -> {
                List<byte[]> entries = entries();
                entries.remove(seq - 1);
                return withEntries(TestEntries.renumberAndRelink(entries, seq - 1));
              },
              seq <= 50 ? rootDiffers(ceil10(seq)) : Expect.entry(COUNT, "entry 60 is missing")));
    }
  }

  private static void insertions(List<Case> cases) {
    for (int seq : new int[] {1, 2, 10, 11, 17, 30, 45, 60}) {
      cases.add(
          exportCase(
              "an entry inserted",
              "a forged entry "
                  + seq
                  + " linked to entry "
                  + (seq - 1)
                  + ", inserted before entry "
                  + seq,
              () -> {
                List<byte[]> entries = entries();
                entries.add(seq - 1, forged(seq, seq, prevOf(seq)));
                return withEntries(entries);
              },
              isCheckpoint(seq) ? rootDiffers(seq) : Expect.entry(seq + 1, "numbered " + seq)));
    }
    cases.add(
        exportCase(
            "an entry inserted",
            "a forged entry 61, soundly linked, appended after the last",
            () -> {
              List<byte[]> entries = entries();
              entries.add(forged(61, 61, TestEntries.sha256Hex(entry(60))));
              return withEntries(entries);
            },
            Expect.at(Kind.MANIFEST, ExportLayout.MANIFEST, "announces 60 entries")));
    for (int seq : new int[] {5, 25, 52}) {
      cases.add(
          exportCase(
              "an entry inserted",
              "an entry numbered 999 inserted before entry " + seq,
              () -> {
                List<byte[]> entries = entries();
                entries.add(seq - 1, forged(seq, 999, prevOf(seq)));
                return withEntries(entries);
              },
              Expect.entry(seq, "numbered 999")));
    }
    for (int seq : new int[] {1, 10, 11, 17, 30, 45, 51, 60}) {
      cases.add(
          exportCase(
              "an entry inserted",
              "a forged entry inserted before entry "
                  + seq
                  + ", the later entries numbered and linked anew",
              () -> {
                List<byte[]> entries = entries();
                entries.add(seq - 1, forged(seq, seq, prevOf(seq)));
                return withEntries(TestEntries.renumberAndRelink(entries, seq));
              },
              rootDiffers(ceil10(seq))));
    }
  }

  private static void duplicates(List<Case> cases) {
    for (int seq : new int[] {1, 5, 10, 17, 20, 33, 59, 60}) {
      cases.add(
          exportCase(
              "an entry duplicated",
              "entry " + seq + " repeated right after itself",
              () -> {
                List<byte[]> entries = entries();
                entries.add(seq, entry(seq));
                return withEntries(entries);
              },
              Expect.entry(seq + 1, "numbered " + seq)));
    }
    for (int seq : new int[] {3, 20, 48}) {
      cases.add(
          exportCase(
              "an entry duplicated",
              "entry " + seq + " repeated, the later entries numbered and linked anew",
              () -> {
                List<byte[]> entries = entries();
                entries.add(seq, entry(seq));
                return withEntries(TestEntries.renumberAndRelink(entries, seq));
              },
              rootDiffers(ceil10(seq + 1))));
    }
    cases.add(
        exportCase(
            "an entry duplicated",
            "entry 12 repeated at the end",
            () -> {
              List<byte[]> entries = entries();
              entries.add(entry(12));
              return withEntries(entries);
            },
            Expect.entry(61, "numbered 12")));
  }

  private static void reorders(List<Case> cases) {
    for (int seq : new int[] {1, 9, 10, 17, 29, 30, 44, 59}) {
      cases.add(
          exportCase(
              "entries reordered",
              "entries " + seq + " and " + (seq + 1) + " swapped",
              () -> {
                List<byte[]> entries = entries();
                entries.set(seq - 1, entry(seq + 1));
                entries.set(seq, entry(seq));
                return withEntries(entries);
              },
              Expect.entry(seq, "numbered " + (seq + 1))));
    }
    for (int seq : new int[] {1, 30, 45}) {
      cases.add(
          exportCase(
              "entries reordered",
              "entry " + seq + " moved to the end",
              () -> {
                List<byte[]> entries = entries();
                entries.add(entries.remove(seq - 1));
                return withEntries(entries);
              },
              Expect.entry(seq, "numbered " + (seq + 1))));
    }
    cases.add(
        exportCase(
            "entries reordered",
            "entries 20 to 25 in reverse order",
            () -> {
              List<byte[]> entries = entries();
              Collections.reverse(entries.subList(19, 25));
              return withEntries(entries);
            },
            Expect.entry(20, "numbered 25")));
    cases.add(
        exportCase(
            "entries reordered",
            "the last entry moved to the front",
            () -> {
              List<byte[]> entries = entries();
              entries.add(0, entries.remove(COUNT - 1));
              return withEntries(entries);
            },
            Expect.entry(1, "numbered 60")));
    for (int seq : new int[] {3, 10, 17, 58}) {
      cases.add(
          exportCase(
              "entries reordered",
              "entries " + seq + " and " + (seq + 1) + " swapped, then numbered and linked anew",
              () -> {
                List<byte[]> entries = entries();
                entries.set(seq - 1, entry(seq + 1));
                entries.set(seq, entry(seq));
                return withEntries(TestEntries.renumberAndRelink(entries, seq - 1));
              },
              rootDiffers(ceil10(seq))));
    }
  }

  private static void truncations(List<Case> cases) {
    for (int dropped : new int[] {1, 2, 3, 5, 9, 10, 11, 20, 30, 45, 59, 60}) {
      int kept = COUNT - dropped;
      cases.add(
          exportCase(
              "the tail truncated",
              "the last " + dropped + " entries dropped",
              () -> withEntries(entries().subList(0, kept)),
              Expect.entry(kept + 1, kept == 0 ? "holds no entries" : "ends after entry " + kept)));
    }
    for (int dropped : new int[] {1, 7, 30}) {
      int kept = COUNT - dropped;
      cases.add(
          exportCase(
              "the tail truncated",
              "the last " + dropped + " entries dropped and the manifest made to match",
              () -> {
                Map<String, byte[]> files = withEntries(entries().subList(0, kept));
                files.put(ExportLayout.MANIFEST, manifest(ExportFixture.ORIGIN, kept).encode());
                return files;
              },
              notTheSignedManifest()));
    }
    byte[] jsonl = base.get(ENTRIES);
    for (int cut : new int[] {1, 2, 50}) {
      cases.add(
          exportCase(
              "the tail truncated",
              "the last " + cut + " bytes of " + ENTRIES + " cut off",
              () -> with(ENTRIES, Arrays.copyOf(jsonl, jsonl.length - cut)),
              Expect.entry(COUNT, "does not end in a newline")));
    }
  }

  // Checkpoints and timestamps.

  private static void noteBits(List<Case> cases) {
    for (long size : SIZES) {
      byte[] note = base.get(ExportLayout.noteName(size));
      for (int j = 0; j < 16; j++) {
        int at = (note.length - 1) * j / 15;
        int bit = (int) ((5 * j + size / 10) % 8);
        cases.add(
            exportCase(
                "a bit flipped in a checkpoint note",
                "checkpoint " + size + ", bit " + bit + " of byte " + at + " " + shown(note[at]),
                () -> with(ExportLayout.noteName(size), flip(note, at, bit)),
                Expect.at(Kind.CHECKPOINT, ExportLayout.noteName(size), null)));
      }
    }
  }

  private static void rootsSignedAgain(List<Case> cases) {
    for (long size : SIZES) {
      for (int at : new int[] {0, 7, 13, 19, 26, 31}) {
        int bit = at % 8;
        cases.add(
            exportCase(
                "a root changed and signed again",
                "checkpoint "
                    + size
                    + ", bit "
                    + bit
                    + " of root byte "
                    + at
                    + " flipped, signed by another key of the same name",
                () -> {
                  byte[] root = flip(tree.root(size), at, bit);
                  String note =
                      signedAfterTheOthers(
                          size, root, ExportFixture.checkpointTime(size), attacker.getPrivate());
                  return with(ExportLayout.noteName(size), note.getBytes(UTF_8));
                },
                Expect.at(
                    Kind.CHECKPOINT,
                    ExportLayout.noteName(size),
                    "a key the verifier does not know")));
      }
      for (int at : new int[] {0, 15, 31}) {
        int bit = (at + 3) % 8;
        cases.add(
            exportCase(
                "a root changed and signed again",
                "checkpoint "
                    + size
                    + ", bit "
                    + bit
                    + " of root byte "
                    + at
                    + " flipped, it and every later checkpoint and the manifest signed by the"
                    + " log's own key and timestamped anew",
                () -> {
                  Map<Long, byte[]> roots = trueRoots();
                  roots.put(size, flip(tree.root(size), at, bit));
                  return signedAnew(roots);
                },
                rootDiffers(size)));
      }
    }
  }

  private static void tokenBits(List<Case> cases) {
    for (long size : SIZES) {
      byte[] token = base.get(ExportLayout.tokenName(size));
      for (int j = 0; j < 12; j++) {
        int at = (token.length - 1) * j / 11;
        int bit = (int) ((3 * j + size / 10) % 8);
        cases.add(
            exportCase(
                "a bit flipped in a timestamp token",
                "checkpoint " + size + ", bit " + bit + " of token byte " + at,
                () -> with(ExportLayout.tokenName(size), flip(token, at, bit)),
                Expect.at(Kind.TIMESTAMP, ExportLayout.tokenName(size), null)));
      }
    }
  }

  private static void wrongSizes(List<Case> cases) {
    for (long size : SIZES) {
      for (long wrong : new long[] {size + 1, size - 1, 2 * size}) {
        cases.add(
            exportCase(
                "a wrong tree size signed",
                "checkpoint "
                    + size
                    + " says "
                    + wrong
                    + " entries, signed by another key of the same name",
                () ->
                    with(
                        ExportLayout.noteName(size),
                        signedAfterTheOthers(
                                wrong,
                                tree.root(size),
                                ExportFixture.checkpointTime(size),
                                attacker.getPrivate())
                            .getBytes(UTF_8)),
                Expect.at(
                    Kind.CHECKPOINT,
                    ExportLayout.noteName(size),
                    "a key the verifier does not know")));
      }
      cases.add(
          exportCase(
              "a wrong tree size signed",
              "the root of "
                  + size
                  + " entries signed by the log's key as the tree of "
                  + (size + 1)
                  + ", filed as such, the chain and manifest signed anew",
              () -> {
                Map<Long, byte[]> roots = trueRoots();
                roots.remove(size);
                roots.put(size + 1, tree.root(size));
                return signedAnew(roots);
              },
              size < COUNT
                  ? rootDiffers(size + 1)
                  : Expect.entry(COUNT + 1, "entry 61 is missing")));
      cases.add(
          exportCase(
              "a wrong tree size signed",
              "the root of "
                  + (size - 1)
                  + " entries signed by the log's key as the tree of "
                  + size
                  + ", the chain and manifest signed anew",
              () -> {
                Map<Long, byte[]> roots = trueRoots();
                roots.put(size, tree.root(size - 1));
                return signedAnew(roots);
              },
              rootDiffers(size)));
      cases.add(
          exportCase(
              "a wrong tree size signed",
              "the root of "
                  + size
                  + " entries signed by the log's key as the tree of "
                  + (size - 1)
                  + ", filed as such, the chain and manifest signed anew",
              () -> {
                Map<Long, byte[]> roots = trueRoots();
                roots.remove(size);
                roots.put(size - 1, tree.root(size));
                return signedAnew(roots);
              },
              rootDiffers(size - 1)));
    }
  }

  private static void swaps(List<Case> cases) {
    for (int i = 0; i < SIZES.length; i++) {
      for (int j = i + 1; j < SIZES.length; j++) {
        long a = SIZES[i];
        long b = SIZES[j];
        cases.add(
            exportCase(
                "checkpoints swapped",
                "the notes of " + a + " and " + b + " exchanged",
                () -> exchange(ExportLayout.noteName(a), ExportLayout.noteName(b)),
                Expect.at(
                    Kind.CHECKPOINT,
                    ExportLayout.noteName(a),
                    "stored as the checkpoint of " + a)));
        cases.add(
            exportCase(
                "checkpoints swapped",
                "the tokens of " + a + " and " + b + " exchanged",
                () -> exchange(ExportLayout.tokenName(a), ExportLayout.tokenName(b)),
                Expect.at(Kind.TIMESTAMP, ExportLayout.tokenName(a), "another digest")));
        cases.add(
            exportCase(
                "checkpoints swapped",
                "the note of " + a + " stored as the note of " + b,
                () -> with(ExportLayout.noteName(b), base.get(ExportLayout.noteName(a))),
                Expect.at(
                    Kind.CHECKPOINT,
                    ExportLayout.noteName(b),
                    "stored as the checkpoint of " + b)));
        cases.add(
            exportCase(
                "checkpoints swapped",
                "the token of " + a + " moved to the note of " + b,
                () -> with(ExportLayout.tokenName(b), base.get(ExportLayout.tokenName(a))),
                Expect.at(Kind.TIMESTAMP, ExportLayout.tokenName(b), "another digest")));
      }
    }
    for (int i = 1; i < SIZES.length; i++) {
      long earlier = SIZES[i - 1];
      long size = SIZES[i];
      cases.add(
          exportCase(
              "checkpoints swapped",
              "checkpoint " + size + " signed anew with a time before checkpoint " + earlier,
              () ->
                  withNote(
                      size,
                      signedAfterTheOthers(
                          size,
                          tree.root(size),
                          ExportFixture.checkpointTime(earlier).minusSeconds(60),
                          fixture.logKeys.getPrivate())),
              Expect.at(Kind.CHECKPOINT, ExportLayout.noteName(size), "cannot go back in time")));
    }
  }

  private static void garbage(List<Case> cases) {
    byte[] jsonl = base.get(ENTRIES);
    Map<String, Long> before = new LinkedHashMap<>();
    before.put("x", 1L);
    before.put("\n", 1L);
    before.put(" ", 1L);
    before.put("{}\n", 1L);
    before.put("\uFEFF", 1L);
    before.put("\0", 1L);
    before.put(new String(entry(1), UTF_8) + "\n", 2L);
    before.forEach(
        (text, seq) ->
            cases.add(
                exportCase(
                    "garbage before or after",
                    shown(text) + " before " + ENTRIES,
                    () -> with(ENTRIES, AuditExportTest.concat(text.getBytes(UTF_8), jsonl)),
                    Expect.entry(seq, null))));
    for (String text :
        List.of(
            "x",
            "x\n",
            "\n",
            "\n\n",
            " \n",
            "{}\n",
            "\r\n",
            "\0",
            new String(entry(60), UTF_8) + "\n")) {
      cases.add(
          exportCase(
              "garbage before or after",
              shown(text) + " after " + ENTRIES,
              () -> with(ENTRIES, AuditExportTest.concat(jsonl, text.getBytes(UTF_8))),
              Expect.entry(COUNT + 1, null)));
    }
    for (int seq : new int[] {17, 30, 60}) {
      for (String text : List.of("x", "\r", " ")) {
        cases.add(
            exportCase(
                "garbage before or after",
                shown(text) + " at the end of entry " + seq + ", before its newline",
                () -> withEntry(seq, AuditExportTest.concat(entry(seq), text.getBytes(UTF_8))),
                Expect.entry(seq, null)));
      }
    }
    for (long size : SIZES) {
      byte[] note = base.get(ExportLayout.noteName(size));
      for (String text : List.of("x", "\n", " ")) {
        cases.add(
            exportCase(
                "garbage before or after",
                shown(text) + " before the note of checkpoint " + size,
                () ->
                    with(
                        ExportLayout.noteName(size),
                        AuditExportTest.concat(text.getBytes(UTF_8), note)),
                Expect.at(Kind.CHECKPOINT, ExportLayout.noteName(size), null)));
        cases.add(
            exportCase(
                "garbage before or after",
                shown(text) + " after the note of checkpoint " + size,
                () ->
                    with(
                        ExportLayout.noteName(size),
                        AuditExportTest.concat(note, text.getBytes(UTF_8))),
                Expect.at(Kind.CHECKPOINT, ExportLayout.noteName(size), null)));
      }
      cases.add(
          exportCase(
              "garbage before or after",
              "a well-formed signature by another key added to the note of checkpoint " + size,
              () -> {
                String text = new String(note, UTF_8);
                String body = text.substring(0, text.indexOf("\n\n") + 1);
                String foreign = SignedNote.sign(body, "witness.example/w1", attacker.getPrivate());
                return with(
                    ExportLayout.noteName(size),
                    (text + foreign.substring(body.length() + 1)).getBytes(UTF_8));
              },
              Expect.at(Kind.TIMESTAMP, ExportLayout.tokenName(size), "another digest")));
      byte[] token = base.get(ExportLayout.tokenName(size));
      Map<String, byte[]> suffixes = new LinkedHashMap<>();
      suffixes.put("a zero byte", new byte[] {0});
      suffixes.put("0xFF", new byte[] {(byte) 0xFF});
      suffixes.put("'garbage'", "garbage".getBytes(UTF_8));
      suffixes.put("an empty DER sequence", new byte[] {0x30, 0x00});
      suffixes.forEach(
          (what, bytes) ->
              cases.add(
                  exportCase(
                      "garbage before or after",
                      what + " after the token of checkpoint " + size,
                      () ->
                          with(ExportLayout.tokenName(size), AuditExportTest.concat(token, bytes)),
                      Expect.at(Kind.TIMESTAMP, ExportLayout.tokenName(size), null))));
      for (byte[] prefix : List.of(new byte[] {0x30, 0x00}, new byte[] {0})) {
        cases.add(
            exportCase(
                "garbage before or after",
                "bytes " + Arrays.toString(prefix) + " before the token of checkpoint " + size,
                () -> with(ExportLayout.tokenName(size), AuditExportTest.concat(prefix, token)),
                Expect.at(Kind.TIMESTAMP, ExportLayout.tokenName(size), null)));
      }
    }
    byte[] zip = ExportFixture.zip(base);
    Map<String, byte[]> around = new LinkedHashMap<>();
    around.put("'x' before the archive", AuditExportTest.concat("x".getBytes(UTF_8), zip));
    around.put("a zero byte before the archive", AuditExportTest.concat(new byte[1], zip));
    around.put("100 random bytes before the archive", AuditExportTest.concat(random(100), zip));
    around.put(
        "a ZIP member header before the archive",
        AuditExportTest.concat(Arrays.copyOf(zip, 30), zip));
    around.put("'x' after the archive", AuditExportTest.concat(zip, "x".getBytes(UTF_8)));
    around.put("a newline after the archive", AuditExportTest.concat(zip, "\n".getBytes(UTF_8)));
    around.put("22 zero bytes after the archive", AuditExportTest.concat(zip, new byte[22]));
    around.put(
        "its end record again after the archive",
        AuditExportTest.concat(zip, Arrays.copyOfRange(zip, zip.length - 22, zip.length)));
    around.forEach(
        (what, bytes) ->
            cases.add(
                new Case(
                    "garbage before or after",
                    what,
                    () -> verifyArchive(bytes),
                    Expect.at(Kind.ARCHIVE, null, null))));
  }

  private static void missing(List<Case> cases) {
    for (long size : SIZES) {
      cases.add(
          exportCase(
              "a file missing",
              "the note of checkpoint " + size + " removed, its token left",
              () -> without(ExportLayout.noteName(size)),
              Expect.at(Kind.CHECKPOINT, ExportLayout.tokenName(size), "without its checkpoint")));
      cases.add(
          exportCase(
              "a file missing",
              "the token of checkpoint " + size + " removed",
              () -> without(ExportLayout.tokenName(size)),
              Expect.at(
                  Kind.TIMESTAMP,
                  ExportLayout.tokenName(size),
                  size < COUNT ? "though a later checkpoint has one" : "has no timestamp token")));
    }
    cases.add(
        exportCase(
            "a file missing",
            "the token of checkpoint 30 removed, pending timestamps allowed",
            () -> without(ExportLayout.tokenName(30)),
            Expect.at(
                Kind.TIMESTAMP, ExportLayout.tokenName(30), "though a later checkpoint has one"),
            Options.defaults().withAllowPendingTimestamps(true)));
    cases.add(
        exportCase(
            "a file missing",
            ENTRIES + " removed",
            () -> without(ENTRIES),
            Expect.at(Kind.ENTRY, ENTRIES, "has no entries.jsonl")));
    cases.add(
        exportCase(
            "a file missing",
            "manifest.json removed",
            () -> without(ExportLayout.MANIFEST),
            Expect.at(Kind.MANIFEST, ExportLayout.MANIFEST, "has no manifest.json")));
    cases.add(
        exportCase(
            "a file missing",
            "log-key.vkey removed",
            () -> without(ExportLayout.LOG_KEY),
            Expect.at(Kind.ANCHOR, ExportLayout.LOG_KEY, "has no log-key.vkey")));
    cases.add(
        exportCase(
            "a file missing",
            "every checkpoint removed",
            () -> {
              Map<String, byte[]> files = new LinkedHashMap<>(base);
              files.keySet().removeIf(name -> name.startsWith(ExportLayout.CHECKPOINT_FOLDER));
              return files;
            },
            Expect.at(Kind.CHECKPOINT, ExportLayout.CHECKPOINT_FOLDER, "holds no checkpoint")));
    cases.add(
        exportCase(
            "a file missing",
            "the TSA certificate removed",
            () -> without("tsa/tsa-1.pem"),
            Expect.at(Kind.ANCHOR, ExportLayout.tokenName(10), "lacks the certificate")));
  }

  private static void unknownFiles(List<Case> cases) {
    for (String name :
        List.of(
            "readme.txt",
            "../entries.jsonl",
            "../../etc/cron.d/job",
            "/etc/passwd",
            "checkpoints/../manifest.json",
            "tsa/../../x.pem",
            "checkpoints\\000000000010.note",
            "C:/export/entries.jsonl",
            "./entries.jsonl",
            "checkpoints/00000000010.note",
            "checkpoints/000000000010.NOTE",
            "checkpoints/000000000010.note.bak",
            "entries.jsonl.orig",
            "ENTRIES.JSONL",
            "tsa/.pem",
            "tsa/sub/tsa.pem",
            "__MACOSX/entries.jsonl",
            "other/")) {
      cases.add(
          exportCase(
              "an unknown or unsafe file",
              "a member named " + shown(name) + " added",
              () -> with(name, new byte[0]),
              Expect.at(Kind.ARCHIVE, null, null)));
    }
    for (String name :
        List.of(
            ENTRIES,
            ExportLayout.MANIFEST,
            ExportLayout.MANIFEST_NOTE,
            ExportLayout.LOG_KEY,
            ExportLayout.noteName(30),
            ExportLayout.tokenName(30))) {
      cases.add(
          new Case(
              "an unknown or unsafe file",
              name + " twice in the archive",
              () -> verifyArchive(twice(name)),
              Expect.at(Kind.ARCHIVE, null, "two members named")));
    }
  }

  private static void manifests(List<Case> cases) {
    Map<String, byte[]> changed = new LinkedHashMap<>();
    for (String format : List.of("bindeledd-audit-export/1", "bindeledd-audit-export/3")) {
      changed.put(
          "format " + format,
          canonical(base.get(ExportLayout.MANIFEST))
              .replace(ExportLayout.FORMAT, format)
              .getBytes(UTF_8));
    }
    changed.put("origin of another log", manifest("bindeledd.example/other-audit", COUNT).encode());
    for (long count : new long[] {0, 59, 61, 600}) {
      changed.put(count + " entries announced", manifest(ExportFixture.ORIGIN, count).encode());
    }
    String canonical = new String(manifest(ExportFixture.ORIGIN, COUNT).encode(), UTF_8);
    changed.put("white space added", canonical.replace(",", ", ").getBytes(UTF_8));
    changed.put("a newline added", (canonical + "\n").getBytes(UTF_8));
    changed.put("a time with a space", canonical.replace("T", " ").getBytes(UTF_8));
    changed.put("an extra member", canonical.replace("{", "{\"comment\":\"x\",").getBytes(UTF_8));
    changed.put(
        "a member missing",
        CanonicalJson.encode(
            Map.of(
                "entries", COUNT, "format", ExportLayout.FORMAT, "origin", ExportFixture.ORIGIN)));
    changed.put(
        "a final checkpoint other than the entries announced",
        canonical
            .replace("\"finalCheckpointSize\":60", "\"finalCheckpointSize\":50")
            .getBytes(UTF_8));
    changed.put("not JSON", "entries=60".getBytes(UTF_8));
    changed.forEach(
        (what, bytes) ->
            cases.add(
                exportCase(
                    "the manifest changed",
                    what,
                    () -> with(ExportLayout.MANIFEST, bytes),
                    Expect.at(Kind.MANIFEST, ExportLayout.MANIFEST, null))));
  }

  private static void anchors(List<Case> cases) {
    cases.add(
        exportCase(
            "the anchors in the export changed",
            "log-key.vkey replaced by another key of the same name",
            () ->
                with(
                    ExportLayout.LOG_KEY,
                    (VerifierKey.of(ExportFixture.ORIGIN, attacker.getPublic()).encoded() + "\n")
                        .getBytes(UTF_8)),
            Expect.at(Kind.ANCHOR, ExportLayout.LOG_KEY, "is not the trusted key")));
    byte[] key = base.get(ExportLayout.LOG_KEY);
    for (int j = 0; j < 8; j++) {
      int at = (key.length - 1) * j / 7;
      int bit = j % 8;
      cases.add(
          exportCase(
              "the anchors in the export changed",
              "bit " + bit + " of log-key.vkey byte " + at + " " + shown(key[at]),
              () -> with(ExportLayout.LOG_KEY, flip(key, at, bit)),
              Expect.at(Kind.ANCHOR, ExportLayout.LOG_KEY, null)));
    }
    byte[] pem = base.get("tsa/tsa-1.pem");
    for (int j = 0; j < 10; j++) {
      int at = (pem.length - 1) * j / 9;
      int bit = (j * 3) % 8;
      cases.add(
          exportCase(
              "the anchors in the export changed",
              "bit " + bit + " of tsa/tsa-1.pem byte " + at + " " + shown(pem[at]),
              () -> with("tsa/tsa-1.pem", flip(pem, at, bit)),
              Expect.at(Kind.ANCHOR, "tsa/tsa-1.pem", null)));
    }
    cases.add(
        exportCase(
            "the anchors in the export changed",
            "the CA's certificate added as a second TSA certificate",
            () -> with("tsa/tsa-2.pem", Pem.encode(fixture.ca.certificate()).getBytes(UTF_8)),
            Expect.at(Kind.ANCHOR, "tsa/tsa-2.pem", "is not among the trusted TSA certificates")));
  }

  // Proofs, as an auditor holding only checkpoints and proofs checks them.

  private static void inclusionProofs(List<Case> cases) {
    long size = 60;
    byte[] root = signedRoot(size);
    String note = ExportLayout.noteName(size);
    for (long seq : new long[] {1, 2, 17, 32, 33, 60}) {
      byte[] leaf = tree.leafHash(seq - 1);
      List<byte[]> proof = tree.inclusionProof(seq - 1, size);
      assertThat(inclusion(note, seq, leaf, size, proof, root)).isEmpty();
      String of = "entry " + seq + ": ";
      for (long wrong : new long[] {seq - 1, seq + 1}) {
        if (wrong >= 1) {
          cases.add(
              proofCase(
                  "an inclusion proof changed",
                  of + "claimed to be entry " + wrong,
                  () -> inclusion(note, wrong, leaf, size, proof, root),
                  note,
                  wrong));
        }
      }
      for (long wrongSize : new long[] {59, 61, 64, 120}) {
        cases.add(
            proofCase(
                "an inclusion proof changed",
                of + "made for a tree of " + wrongSize + ", not the signed 60",
                () -> inclusion(note, seq, leaf, wrongSize, proof, root),
                note,
                seq));
      }
      for (int i = 0; i < proof.size(); i++) {
        int index = i;
        cases.add(
            proofCase(
                "an inclusion proof changed",
                of + "bit " + (i % 8) + " of proof hash " + i + " flipped",
                () ->
                    inclusion(
                        note,
                        seq,
                        leaf,
                        size,
                        replace(proof, index, flip(proof.get(index), index, index % 8)),
                        root),
                note,
                seq));
      }
      cases.add(
          proofCase(
              "an inclusion proof changed",
              of + "the last proof hash dropped",
              () -> inclusion(note, seq, leaf, size, proof.subList(0, proof.size() - 1), root),
              note,
              seq));
      cases.add(
          proofCase(
              "an inclusion proof changed",
              of + "the first proof hash dropped",
              () -> inclusion(note, seq, leaf, size, proof.subList(1, proof.size()), root),
              note,
              seq));
      cases.add(
          proofCase(
              "an inclusion proof changed",
              of + "a hash added to the proof",
              () -> {
                List<byte[]> longer = new ArrayList<>(proof);
                longer.add(proof.get(0));
                return inclusion(note, seq, leaf, size, longer, root);
              },
              note,
              seq));
      for (int at : new int[] {0, 16, 31}) {
        cases.add(
            proofCase(
                "an inclusion proof changed",
                of + "bit " + (at % 8) + " of root byte " + at + " flipped",
                () -> inclusion(note, seq, leaf, size, proof, flip(root, at, at % 8)),
                note,
                seq));
      }
      cases.add(
          proofCase(
              "an inclusion proof changed",
              of + "bit 0 of its leaf hash flipped",
              () -> inclusion(note, seq, flip(leaf, 0, 0), size, proof, root),
              note,
              seq));
      long other = seq == 60 ? 59 : seq + 1;
      cases.add(
          proofCase(
              "an inclusion proof changed",
              of + "the proof of entry " + other + " given instead",
              () -> inclusion(note, seq, leaf, size, tree.inclusionProof(other - 1, size), root),
              note,
              seq));
    }
  }

  private static void consistencyProofs(List<Case> cases) {
    long[][] pairs = {
      {10, 20}, {20, 30}, {30, 40}, {40, 50}, {50, 60}, {10, 60}, {20, 50}, {30, 60}
    };
    for (long[] pair : pairs) {
      long first = pair[0];
      long second = pair[1];
      byte[] root1 = signedRoot(first);
      byte[] root2 = signedRoot(second);
      String note = ExportLayout.noteName(second);
      List<byte[]> proof = tree.consistencyProof(first, second);
      assertThat(consistency(note, first, root1, second, root2, proof)).isEmpty();
      String of = first + " to " + second + ": ";
      for (int i = 0; i < proof.size(); i++) {
        int index = i;
        cases.add(
            proofCase(
                "a consistency proof changed",
                of + "bit " + (7 - i % 8) + " of proof hash " + i + " flipped",
                () ->
                    consistency(
                        note,
                        first,
                        root1,
                        second,
                        root2,
                        replace(proof, index, flip(proof.get(index), 31 - index, 7 - index % 8))),
                note,
                0));
      }
      for (long[] sizes :
          new long[][] {
            {first - 1, second}, {first + 1, second}, {first, second - 1}, {first, second + 1}
          }) {
        cases.add(
            proofCase(
                "a consistency proof changed",
                of + "made for the trees of " + sizes[0] + " and " + sizes[1],
                () -> consistency(note, first, root1, second, root2, sizes[0], sizes[1], proof),
                note,
                0));
      }
      cases.add(
          proofCase(
              "a consistency proof changed",
              of + "bit 2 of the first root flipped",
              () -> consistency(note, first, flip(root1, 5, 2), second, root2, proof),
              note,
              0));
      cases.add(
          proofCase(
              "a consistency proof changed",
              of + "bit 6 of the second root flipped",
              () -> consistency(note, first, root1, second, flip(root2, 27, 6), proof),
              note,
              0));
      cases.add(
          proofCase(
              "a consistency proof changed",
              of + "the roots exchanged",
              () -> consistency(note, first, root2, second, root1, proof),
              note,
              0));
      cases.add(
          proofCase(
              "a consistency proof changed",
              of + "the last proof hash dropped",
              () ->
                  consistency(
                      note, first, root1, second, root2, proof.subList(0, proof.size() - 1)),
              note,
              0));
      cases.add(
          proofCase(
              "a consistency proof changed",
              of + "a hash added to the proof",
              () -> {
                List<byte[]> longer = new ArrayList<>(proof);
                longer.add(root1);
                return consistency(note, first, root1, second, root2, longer);
              },
              note,
              0));
    }
  }

  // The chain of checkpoints and the signed manifest.

  private static void droppedCheckpoints(List<Case> cases) {
    for (int i = 0; i < SIZES.length; i++) {
      long size = SIZES[i];
      Expect expect =
          i == 0
              ? Expect.at(
                  Kind.CHECKPOINT,
                  ExportLayout.noteName(SIZES[1]),
                  "names the checkpoint of 10 entries as the one before it, which the export"
                      + " lacks: the export's first checkpoint was dropped")
              : i < SIZES.length - 1
                  ? Expect.at(
                      Kind.CHECKPOINT,
                      ExportLayout.noteName(SIZES[i + 1]),
                      "names the checkpoint of "
                          + size
                          + " entries as the one before it, which the export lacks: that"
                          + " checkpoint was dropped")
                  : Expect.at(
                      Kind.CHECKPOINT,
                      ExportLayout.noteName(size),
                      "names the checkpoint of 60 entries as the export's final one, which the"
                          + " export lacks: the newest checkpoint was dropped");
      cases.add(
          exportCase(
              "a checkpoint dropped with its token",
              (i == 0 ? "the first" : i < SIZES.length - 1 ? "a middle" : "the newest")
                  + " checkpoint ("
                  + size
                  + ") dropped with its token",
              () -> without(ExportLayout.noteName(size), ExportLayout.tokenName(size)),
              expect));
    }
    cases.add(
        exportCase(
            "a checkpoint dropped with its token",
            "checkpoints 30 and 40 dropped with their tokens",
            () ->
                without(
                    ExportLayout.noteName(30),
                    ExportLayout.tokenName(30),
                    ExportLayout.noteName(40),
                    ExportLayout.tokenName(40)),
            Expect.at(Kind.CHECKPOINT, ExportLayout.noteName(50), "checkpoint of 40 entries")));
    cases.add(
        exportCase(
            "a checkpoint dropped with its token",
            "every checkpoint but the newest dropped with their tokens",
            () -> {
              Map<String, byte[]> files = new LinkedHashMap<>(base);
              for (long size : Arrays.copyOf(SIZES, SIZES.length - 1)) {
                files.remove(ExportLayout.noteName(size));
                files.remove(ExportLayout.tokenName(size));
              }
              return files;
            },
            Expect.at(Kind.CHECKPOINT, ExportLayout.noteName(60), "the export's first")));
    cases.add(
        exportCase(
            "a checkpoint dropped with its token",
            "the newest checkpoint dropped, pending timestamps allowed",
            () -> without(ExportLayout.noteName(60), ExportLayout.tokenName(60)),
            Expect.at(Kind.CHECKPOINT, ExportLayout.noteName(60), "newest checkpoint was dropped"),
            Options.defaults().withAllowPendingTimestamps(true)));
  }

  private static void reorderedCheckpoints(List<Case> cases) {
    for (long[] pair : new long[][] {{10, 20}, {20, 50}, {50, 60}}) {
      long a = pair[0];
      long b = pair[1];
      cases.add(
          exportCase(
              "checkpoints reordered",
              "the checkpoints of " + a + " and " + b + " exchanged, notes with their tokens",
              () -> {
                Map<String, byte[]> files =
                    exchange(ExportLayout.noteName(a), ExportLayout.noteName(b));
                files.put(ExportLayout.tokenName(a), base.get(ExportLayout.tokenName(b)));
                files.put(ExportLayout.tokenName(b), base.get(ExportLayout.tokenName(a)));
                return files;
              },
              Expect.at(
                  Kind.CHECKPOINT, ExportLayout.noteName(a), "stored as the checkpoint of " + a)));
    }
    cases.add(
        exportCase(
            "checkpoints reordered",
            "checkpoint 30 signed anew naming checkpoint 10 as the one before it",
            () -> {
              Map<Long, String> earlier = new TreeMap<>(log.notes());
              earlier.remove(20L);
              return withNote(
                  30,
                  ExportFixture.sign(
                      30,
                      tree.root(30),
                      ExportFixture.checkpointTime(30),
                      fixture.logKeys.getPrivate(),
                      earlier));
            },
            Expect.at(
                Kind.CHECKPOINT,
                ExportLayout.noteName(30),
                "but the export holds the checkpoint of 20 entries in between")));
    cases.add(
        exportCase(
            "checkpoints reordered",
            "checkpoint 30 signed anew naming none before it, as a log's first",
            () ->
                withNote(
                    30,
                    ExportFixture.sign(
                        30,
                        tree.root(30),
                        ExportFixture.checkpointTime(30),
                        fixture.logKeys.getPrivate(),
                        Map.of())),
            Expect.at(
                Kind.CHECKPOINT, ExportLayout.noteName(30), "names no checkpoint before it")));
  }

  private static void replacedCheckpoints(List<Case> cases) {
    for (int i = 0; i < SIZES.length; i++) {
      long size = SIZES[i];
      Expect expect =
          i < SIZES.length - 1
              ? Expect.at(
                  Kind.CHECKPOINT,
                  ExportLayout.noteName(SIZES[i + 1]),
                  "the export's checkpoint of " + size + " entries is another")
              : Expect.at(
                  Kind.CHECKPOINT,
                  ExportLayout.noteName(size),
                  "it is not the final checkpoint the signed manifest names");
      cases.add(
          exportCase(
              "a checkpoint replaced by another the log signed",
              "checkpoint "
                  + size
                  + " replaced by one of the same tree signed a second later, timestamped anew",
              () ->
                  withNote(
                      size,
                      signedAfterTheOthers(
                          size,
                          tree.root(size),
                          ExportFixture.checkpointTime(size).plusSeconds(1),
                          fixture.logKeys.getPrivate())),
              expect));
    }
  }

  private static void lastEntry(List<Case> cases) {
    for (String member : List.of("actor", "outcome", "reason", "time")) {
      byte[] changed = edited(COUNT, member, member.equals("actor") ? "mallory" : null);
      cases.add(
          exportCase(
              "the export's last entry edited",
              "entry 60, the export's own, " + member + " changed",
              () -> withEntry(COUNT, changed),
              rootDiffers(COUNT)));
    }
    cases.add(
        exportCase(
            "the export's last entry edited",
            "entry 60 replaced by a forged entry soundly linked to entry 59",
            () -> withEntry(COUNT, forged(COUNT, COUNT, prevOf(COUNT))),
            rootDiffers(COUNT)));
    cases.add(
        exportCase(
            "the export's last entry edited",
            "entry 60 edited and the newest checkpoint dropped with its token",
            () -> {
              Map<String, byte[]> files = withEntry(COUNT, edited(COUNT, "actor", "mallory"));
              files.remove(ExportLayout.noteName(60));
              files.remove(ExportLayout.tokenName(60));
              return files;
            },
            Expect.at(
                Kind.CHECKPOINT, ExportLayout.noteName(60), "newest checkpoint was dropped")));
  }

  private static void exportTime(List<Case> cases) {
    String manifest = canonical(base.get(ExportLayout.MANIFEST));
    String later = ExportFixture.START.plusSeconds(86_400).toString();
    byte[] changed = manifest.replace(ExportFixture.START.toString(), later).getBytes(UTF_8);
    cases.add(
        exportCase(
            "the export time changed",
            "exportedAt a day later in manifest.json",
            () -> with(ExportLayout.MANIFEST, changed),
            notTheSignedManifest()));
    cases.add(
        exportCase(
            "the export time changed",
            "exportedAt a day later, manifest.note signed anew by another key of the same name",
            () -> {
              Map<String, byte[]> files = with(ExportLayout.MANIFEST, changed);
              files.put(
                  ExportLayout.MANIFEST_NOTE,
                  SignedNote.sign(
                          new String(changed, UTF_8) + "\n",
                          ExportFixture.ORIGIN,
                          attacker.getPrivate())
                      .getBytes(UTF_8));
              return files;
            },
            Expect.at(
                Kind.MANIFEST, ExportLayout.MANIFEST_NOTE, "a key the verifier does not know")));
  }

  private static void manifestSignatures(List<Case> cases) {
    byte[] note = base.get(ExportLayout.MANIFEST_NOTE);
    String text = canonical(base.get(ExportLayout.MANIFEST)) + "\n";
    cases.add(
        exportCase(
            "the manifest's signature removed or changed",
            "manifest.note removed",
            () -> without(ExportLayout.MANIFEST_NOTE),
            Expect.at(Kind.MANIFEST, ExportLayout.MANIFEST_NOTE, "its manifest is not signed")));
    cases.add(
        exportCase(
            "the manifest's signature removed or changed",
            "manifest.note holding the text without its signature",
            () -> with(ExportLayout.MANIFEST_NOTE, text.getBytes(UTF_8)),
            Expect.at(Kind.MANIFEST, ExportLayout.MANIFEST_NOTE, "signature does not hold")));
    cases.add(
        exportCase(
            "the manifest's signature removed or changed",
            "manifest.note signed by another key of the same name",
            () ->
                with(
                    ExportLayout.MANIFEST_NOTE,
                    SignedNote.sign(text, ExportFixture.ORIGIN, attacker.getPrivate())
                        .getBytes(UTF_8)),
            Expect.at(
                Kind.MANIFEST, ExportLayout.MANIFEST_NOTE, "a key the verifier does not know")));
    for (int j = 0; j < 6; j++) {
      int at = (note.length - 1) * j / 5;
      int bit = (2 * j + 1) % 8;
      cases.add(
          exportCase(
              "the manifest's signature removed or changed",
              "bit " + bit + " of manifest.note byte " + at + " " + shown(note[at]),
              () -> with(ExportLayout.MANIFEST_NOTE, flip(note, at, bit)),
              Expect.at(Kind.MANIFEST, ExportLayout.MANIFEST_NOTE, null)));
    }
    cases.add(
        exportCase(
            "the manifest's signature removed or changed",
            "manifest.note replaced by a checkpoint the log signed",
            () -> with(ExportLayout.MANIFEST_NOTE, base.get(ExportLayout.noteName(60))),
            notTheSignedManifest()));
    cases.add(
        exportCase(
            "the manifest's signature removed or changed",
            "the manifest and its signature of an earlier export of the first 50 entries put in",
            () -> {
              ExportManifest earlier =
                  ExportManifest.of(
                      ExportFixture.ORIGIN, 50, ExportFixture.START, log.notes().get(50L));
              Map<String, byte[]> files = with(ExportLayout.MANIFEST, earlier.encode());
              files.put(ExportLayout.MANIFEST_NOTE, fixture.signedManifest(earlier));
              return files;
            },
            Expect.at(
                Kind.CHECKPOINT,
                ExportLayout.noteName(60),
                "names the checkpoint of 50 entries as the export's final one, but the export"
                    + " holds this later one")));
  }

  private static void olderFormat(List<Case> cases) {
    Map<String, Object> members = new LinkedHashMap<>();
    members.put("entries", (long) COUNT);
    members.put("exportedAt", ExportFixture.START.toString());
    members.put("format", "bindeledd-audit-export/1");
    members.put("origin", ExportFixture.ORIGIN);
    byte[] older = CanonicalJson.encode(members);
    cases.add(
        exportCase(
            "an export of the older format",
            "an export as an older hub made it: format 1, no manifest.note",
            () -> {
              Map<String, byte[]> files = with(ExportLayout.MANIFEST, older);
              files.remove(ExportLayout.MANIFEST_NOTE);
              return files;
            },
            Expect.at(Kind.MANIFEST, ExportLayout.MANIFEST, "made by an older hub")));
    cases.add(
        exportCase(
            "an export of the older format",
            "format 1 declared, the signature left in place",
            () -> with(ExportLayout.MANIFEST, older),
            Expect.at(Kind.MANIFEST, ExportLayout.MANIFEST, "its manifest is not signed")));
  }

  /**
   * An entry changed and every later link made anew, and all checkpoints and the manifest signed
   * anew with the log's own key over the changed entries, as a hub that had forgotten what it
   * signed would: the export is consistent in itself, and only a checkpoint the auditor saved
   * before shows the change.
   */
  private static void rewritesCaughtBySavedCheckpoints(List<Case> cases) {
    for (int seq : new int[] {1, 17, 35, 40, 41, 59}) {
      for (long saved : new long[] {40, 60}) {
        if (seq > saved) {
          continue;
        }
        cases.add(
            savedCheckpointCase(
                "entry "
                    + seq
                    + " changed, relinked and signed anew; checkpoint "
                    + saved
                    + " saved",
                rewritten(seq),
                List.of(savedNote(saved)),
                Expect.at(
                    Kind.TRUSTED_CHECKPOINT,
                    savedName(saved),
                    "an entry among 1 to " + saved + " was changed since you saved it")));
      }
    }
    cases.add(
        savedCheckpointCase(
            "entry 17 changed, relinked and signed anew; checkpoints 20 and 60 saved",
            rewritten(17),
            List.of(savedNote(60), savedNote(20)),
            Expect.at(
                Kind.TRUSTED_CHECKPOINT,
                savedName(20),
                "an entry among 1 to 20 was changed since you saved it")));
    cases.add(
        savedCheckpointCase(
            "the log cut to 30 entries, its checkpoints and manifest signed anew; checkpoint 40"
                + " saved",
            () -> {
              Map<Long, byte[]> roots = trueRoots();
              roots.keySet().removeIf(size -> size > 30);
              return signedAnew(withEntries(entries().subList(0, 30)), roots);
            },
            List.of(savedNote(40)),
            Expect.at(
                Kind.TRUSTED_CHECKPOINT,
                savedName(40),
                "the log was cut (entries 31 to 40 are gone)")));
  }

  /** The export with entry {@code seq} changed, relinked, and the whole chain signed anew. */
  static Supplier<Map<String, byte[]>> rewritten(int seq) {
    return () -> {
      List<byte[]> entries = entries();
      entries.set(seq - 1, edited(seq, "actor", "mallory"));
      List<byte[]> relinked = TestEntries.renumberAndRelink(entries, seq);
      LogTree changed = new LogTree();
      relinked.forEach(changed::appendEntry);
      Map<Long, byte[]> roots = new TreeMap<>();
      for (long size : SIZES) {
        roots.put(size, changed.root(size));
      }
      return signedAnew(withEntries(relinked), roots);
    };
  }

  static TrustedCheckpoint savedNote(long size) {
    return new TrustedCheckpoint(savedName(size), log.notes().get(size));
  }

  static String savedName(long size) {
    return "saved-" + size + ".note";
  }

  private static Case savedCheckpointCase(
      String name,
      Supplier<Map<String, byte[]>> files,
      List<TrustedCheckpoint> saved,
      Expect expect) {
    return new Case(
        "a rewrite signed anew, caught by a saved checkpoint",
        name,
        () ->
            verify(
                new ExportVerifier(
                    fixture.anchors().withCheckpoints(saved),
                    Options.defaults().withInclusionSamples(4)),
                ExportFixture.zip(files.get())),
        expect);
  }

  @Test
  void aRewriteSignedAnewIsConsistentInItselfAndOnlyASavedCheckpointShowsIt() {
    Map<String, byte[]> files = rewritten(17).get();
    ExportVerifier remembering =
        new ExportVerifier(
            fixture.anchors().withCheckpoints(List.of(savedNote(40))),
            Options.defaults().withInclusionSamples(4));

    assertThat(verify(files)).as("without a saved checkpoint").isEmpty();
    assertThat(verify(remembering, ExportFixture.zip(files)))
        .hasValueSatisfying(
            failure -> assertThat(failure.kind()).isEqualTo(Kind.TRUSTED_CHECKPOINT));
    assertThat(verify(remembering, ExportFixture.zip(base))).as("the true export").isEmpty();
  }

  // Building the cases.

  private static Case exportCase(
      String group, String name, Supplier<Map<String, byte[]>> files, Expect expect) {
    return new Case(group, name, () -> verify(files.get()), expect);
  }

  private static Case exportCase(
      String group,
      String name,
      Supplier<Map<String, byte[]>> files,
      Expect expect,
      Options options) {
    return new Case(
        group,
        name,
        () ->
            verify(new ExportVerifier(fixture.anchors(), options), ExportFixture.zip(files.get())),
        expect);
  }

  private static Case proofCase(
      String group, String name, Supplier<Optional<Failure>> check, String file, long seq) {
    return new Case(group, name, check, new Expect(Kind.PROOF, file, seq, "does not hold"));
  }

  /** Where a change that leaves entry {@code seq} sound on its own must be found. */
  private static Expect changedButSound(int seq) {
    return isCheckpoint(seq)
        ? rootDiffers(seq)
        : Expect.entry(seq + 1, "its prev is not the hash of entry " + seq);
  }

  /**
   * A checkpoint's root is held against the entries as soon as they reach its size, before the next
   * entry is read.
   */
  private static boolean isCheckpoint(long seq) {
    return Arrays.stream(SIZES).anyMatch(size -> size == seq);
  }

  private static Expect rootDiffers(long size) {
    return Expect.at(Kind.CHECKPOINT, ExportLayout.noteName(size), "differs from what was signed");
  }

  private static Optional<Failure> verify(Map<String, byte[]> members) {
    return verifyArchive(ExportFixture.zip(members));
  }

  private static Optional<Failure> verifyArchive(byte[] zip) {
    return verify(verifier, zip);
  }

  private static Optional<Failure> verify(ExportVerifier with, byte[] zip) {
    Path file = ExportFixture.write(dir.resolve("case-" + files.incrementAndGet() + ".zip"), zip);
    try {
      return with.verify(file).failure();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        // the temporary folder goes anyway
      }
    }
  }

  private static byte[] entry(int seq) {
    return log.entries().get(seq - 1);
  }

  private static List<byte[]> entries() {
    return new ArrayList<>(log.entries());
  }

  private static String prevOf(int seq) {
    return seq == 1 ? TestEntries.GENESIS : TestEntries.sha256Hex(entry(seq - 1));
  }

  /** The entry with one member changed; a null value gives a time one second later. */
  private static byte[] edited(int seq, String member, Object value) {
    Object current = TestEntries.parse(entry(seq)).get(member);
    Object changed;
    if (member.equals("time")) {
      changed = TestEntries.formatTime(Instant.parse((String) current).plusSeconds(1));
    } else if (value != null && !value.equals(current)) {
      changed = value;
    } else {
      changed = "refused".equals(current) ? "allowed" : "refused";
    }
    byte[] result = TestEntries.with(entry(seq), member, changed);
    assertThat(result).isNotEqualTo(entry(seq));
    return result;
  }

  private static byte[] forged(int position, long seq, String prev) {
    return CanonicalJson.encode(
        TestEntries.members(
            seq, prev, ExportFixture.START.plusSeconds(position), new SplittableRandom(position)));
  }

  private static Map<String, byte[]> withEntry(int seq, byte[] changed) {
    List<byte[]> entries = entries();
    entries.set(seq - 1, changed);
    return withEntries(entries);
  }

  private static Map<String, byte[]> withEntries(List<byte[]> entries) {
    return with(ENTRIES, ExportFixture.jsonl(entries));
  }

  private static Map<String, byte[]> with(String name, byte[] bytes) {
    Map<String, byte[]> files = new LinkedHashMap<>(base);
    files.put(name, bytes);
    return files;
  }

  /** The note replaced, with a fresh token over it from the real authority. */
  private static Map<String, byte[]> withNote(long size, String note) {
    Map<String, byte[]> files = new LinkedHashMap<>(base);
    putNote(files, size, note);
    return files;
  }

  private static void putNote(Map<String, byte[]> files, long size, String note) {
    files.put(ExportLayout.noteName(size), note.getBytes(UTF_8));
    files.put(ExportLayout.tokenName(size), fixture.stamp(note));
  }

  private static Map<String, byte[]> without(String... names) {
    Map<String, byte[]> files = new LinkedHashMap<>(base);
    for (String name : names) {
      assertThat(files.remove(name)).as(name).isNotNull();
    }
    return files;
  }

  private static Map<String, byte[]> exchange(String one, String other) {
    Map<String, byte[]> files = new LinkedHashMap<>(base);
    files.put(one, base.get(other));
    files.put(other, base.get(one));
    return files;
  }

  /** An archive holding the member twice: a twin of the same length renamed in place. */
  private static byte[] twice(String name) {
    Map<String, byte[]> files = new LinkedHashMap<>(base);
    String twin = name.substring(0, name.length() - 1) + "#";
    files.put(twin, base.get(name));
    return new String(ExportFixture.zip(files), ISO_8859_1)
        .replace(twin, name)
        .getBytes(ISO_8859_1);
  }

  /** A manifest as the writer makes it, naming the final checkpoint of the untouched export. */
  private static ExportManifest manifest(String origin, long entries) {
    return ExportManifest.of(origin, entries, ExportFixture.START, log.notes().get(60L));
  }

  private static String canonical(byte[] manifest) {
    return new String(manifest, UTF_8);
  }

  private static Expect notTheSignedManifest() {
    return Expect.at(Kind.MANIFEST, ExportLayout.MANIFEST, "not the manifest the log signed");
  }

  /** The true root of each checkpoint's size, to change some and sign the chain anew. */
  private static Map<Long, byte[]> trueRoots() {
    Map<Long, byte[]> roots = new TreeMap<>();
    for (long size : SIZES) {
      roots.put(size, tree.root(size));
    }
    return roots;
  }

  /**
   * The export with all its checkpoints, their tokens and the manifest made anew and signed with
   * the log's own key, as a hub that forgot its history, or a thief of its key, would make them:
   * one checkpoint of each size given, with the root given, each naming the one before it, the
   * manifest naming the last.
   */
  private static Map<String, byte[]> signedAnew(Map<Long, byte[]> roots) {
    return signedAnew(base, roots);
  }

  private static Map<String, byte[]> signedAnew(Map<String, byte[]> from, Map<Long, byte[]> roots) {
    Map<String, byte[]> files = new LinkedHashMap<>(from);
    files.keySet().removeIf(name -> name.startsWith(ExportLayout.CHECKPOINT_FOLDER));
    TreeMap<Long, String> notes = new TreeMap<>();
    for (Map.Entry<Long, byte[]> root : new TreeMap<>(roots).entrySet()) {
      long size = root.getKey();
      String note =
          ExportFixture.sign(
              size,
              root.getValue(),
              ExportFixture.checkpointTime(size),
              fixture.logKeys.getPrivate(),
              notes);
      notes.put(size, note);
      putNote(files, size, note);
    }
    ExportManifest manifest =
        ExportManifest.of(
            ExportFixture.ORIGIN,
            notes.lastKey(),
            ExportFixture.START,
            notes.lastEntry().getValue());
    files.put(ExportLayout.MANIFEST, manifest.encode());
    files.put(ExportLayout.MANIFEST_NOTE, fixture.signedManifest(manifest));
    return files;
  }

  /** A checkpoint naming the untouched export's checkpoint before its size, as the hub would. */
  private static String signedAfterTheOthers(
      long size, byte[] root, Instant time, java.security.PrivateKey key) {
    return ExportFixture.sign(size, root, time, key, log.notes());
  }

  /** The proof checked against the checkpoint of 60 entries, signed with this root. */
  private static Optional<Failure> inclusion(
      String note, long seq, byte[] leaf, long proofSize, List<byte[]> proof, byte[] root) {
    return ExportVerifier.checkInclusion(note, signed(60, root), seq, leaf, proofSize, proof);
  }

  /** The proof, made for the signed sizes, checked against two checkpoints signed so. */
  private static Optional<Failure> consistency(
      String note, long first, byte[] root1, long second, byte[] root2, List<byte[]> proof) {
    return consistency(note, first, root1, second, root2, first, second, proof);
  }

  private static Optional<Failure> consistency(
      String note,
      long first,
      byte[] root1,
      long second,
      byte[] root2,
      long proofSize1,
      long proofSize2,
      List<byte[]> proof) {
    return ExportVerifier.checkConsistency(
        note, signed(first, root1), signed(second, root2), proofSize1, proofSize2, proof);
  }

  /** A checkpoint as the auditor holds it once its signature is verified. */
  private static Checkpoint signed(long size, byte[] root) {
    return Checkpoint.at(ExportFixture.ORIGIN, size, root, ExportFixture.checkpointTime(size));
  }

  private static byte[] signedRoot(long size) {
    String note = new String(base.get(ExportLayout.noteName(size)), UTF_8);
    return Checkpoint.verify(note, ExportFixture.ORIGIN, fixture.logKey).rootHash();
  }

  private static long ceil10(long seq) {
    return (seq + 9) / 10 * 10;
  }

  private static byte[] flip(byte[] bytes, int at, int bit) {
    byte[] changed = bytes.clone();
    changed[at] ^= (byte) (1 << bit);
    return changed;
  }

  private static List<byte[]> replace(List<byte[]> proof, int index, byte[] hash) {
    List<byte[]> changed = new ArrayList<>(proof);
    changed.set(index, hash);
    return changed;
  }

  private static byte[] random(int length) {
    byte[] bytes = new byte[length];
    new SplittableRandom(length).nextBytes(bytes);
    return bytes;
  }

  private static String shown(byte b) {
    return b >= 0x20 && b < 0x7f ? "('" + (char) b + "')" : String.format("(0x%02x)", b & 0xff);
  }

  private static String shown(String text) {
    StringBuilder shown = new StringBuilder("'");
    for (char c : text.toCharArray()) {
      shown.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c));
    }
    String result = shown.append("'").toString();
    return result.length() <= 40 ? result : result.substring(0, 37) + "...'";
  }
}
