package no.bindeledd.web.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.Period;
import no.bindeledd.core.retention.RetentionPeriods;
import no.bindeledd.core.retention.RetentionPeriods.Category;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetentionTableTest {

  @TempDir Path dir;

  private Path write(String json) throws Exception {
    return Files.writeString(dir.resolve(RetentionTable.FILE_NAME), json);
  }

  private static String table(String messageKeep, String messageAfter) {
    return """
        {"about":"a table","categories":{
          "message":{"keep":"%s","after":"%s","basis":"why"},
          "person":{"keep":"P5Y","after":"last-activity","basis":"why"},
          "auditNote":{"keep":"P5Y","after":"recorded","basis":"why"}}}"""
        .formatted(messageKeep, messageAfter);
  }

  @Test
  void theTableInTheRepositoryGivesEveryCategoryAPeriodAndItsBasis() {
    Path shipped =
        Path.of(System.getProperty("hub.repo.dir", ".."))
            .resolve("config")
            .resolve(RetentionTable.FILE_NAME);

    RetentionPeriods periods = RetentionTable.read(shipped);

    assertThat(periods.rule(Category.MESSAGE).keep()).isEqualTo(Period.ofDays(90));
    assertThat(periods.rule(Category.PERSON).keep()).isEqualTo(Period.ofYears(5));
    for (Category category : Category.values()) {
      assertThat(periods.rule(category).basis()).as(category.code()).hasSizeGreaterThan(40);
    }
  }

  @Test
  void aPeriodIsRead() throws Exception {
    RetentionPeriods periods = RetentionTable.read(write(table("P30D", "settled")));

    assertThat(periods.rule(Category.MESSAGE).keep()).isEqualTo(Period.ofDays(30));
  }

  @Test
  void aDurationInSecondsIsReadForATestDeploymentAndCountsFromNow() throws Exception {
    RetentionPeriods periods = RetentionTable.read(write(table("PT5S", "settled")));
    Instant now = Instant.parse("2026-12-02T12:00:00Z");

    assertThat(periods.cutoff(Category.MESSAGE, now)).isEqualTo(now.minusSeconds(5));
    assertThat(periods.cutoff(Category.PERSON, now))
        .isEqualTo(Instant.parse("2021-12-02T12:00:00Z"));
  }

  @Test
  void aNegativeDurationStopsTheStart() throws Exception {
    Path file = write(table("PT-5S", "settled"));

    assertThatThrownBy(() -> RetentionTable.read(file))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("longer than zero");
  }

  @Test
  void aMissingTableStopsTheStartAndSaysWhichFile() {
    Path missing = dir.resolve("nowhere.json");

    assertThatThrownBy(() -> RetentionTable.read(missing))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(missing.toString())
        .hasMessageContaining("is missing");
  }

  @Test
  void aPeriodThatIsNotAPeriodStopsTheStart() throws Exception {
    Path file = write(table("90 days", "settled"));

    assertThatThrownBy(() -> RetentionTable.read(file))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("\"message\" needs \"keep\" as an ISO 8601 period");
  }

  @Test
  void aZeroPeriodStopsTheStart() throws Exception {
    Path file = write(table("P0D", "settled"));

    assertThatThrownBy(() -> RetentionTable.read(file))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("longer than zero");
  }

  @Test
  void aPeriodFromAnotherEventStopsTheStart() throws Exception {
    Path file = write(table("P90D", "recorded"));

    assertThatThrownBy(() -> RetentionTable.read(file))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("runs from \"settled\"");
  }

  @Test
  void aMissingCategoryStopsTheStart() throws Exception {
    Path file =
        write(
            """
            {"categories":{"message":{"keep":"P90D","after":"settled","basis":"why"}}}""");

    assertThatThrownBy(() -> RetentionTable.read(file))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("\"person\" is missing");
  }

  @Test
  void aCategoryWithoutItsBasisStopsTheStart() throws Exception {
    Path file = write(table("P90D", "settled").replace("\"basis\":\"why\"}", "\"basis\":\" \"}"));

    assertThatThrownBy(() -> RetentionTable.read(file))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("has no \"basis\"");
  }
}
