package no.bindeledd.web.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResidentMemoryTest {

  private static final String STATUS =
      """
      Name:\tjava
      Umask:\t0022
      State:\tS (sleeping)
      Pid:\t4242
      VmPeak:\t 4000000 kB
      VmSize:\t 3900000 kB
      VmHWM:\t  612344 kB
      VmRSS:\t  501760 kB
      RssAnon:\t  400000 kB
      Threads:\t123
      """;

  @Test
  void readsResidentAndPeakInBytes() {
    ResidentMemory memory = ResidentMemory.parse(STATUS).orElseThrow();

    assertThat(memory.rssBytes()).isEqualTo(501_760L * 1024);
    assertThat(memory.highWaterBytes()).isEqualTo(612_344L * 1024);
  }

  @Test
  void aStatusWithoutEitherLineSaysNothing() {
    assertThat(ResidentMemory.parse("Name:\tjava\nVmRSS:\t 100 kB\n")).isEmpty();
    assertThat(ResidentMemory.parse("Name:\tkthreadd\n")).isEmpty();
  }

  @Test
  void thisProcessHasAResidentSetOnLinux() {
    if (!System.getProperty("os.name").startsWith("Linux")) {
      return;
    }
    ResidentMemory self = ResidentMemory.of(ProcessHandle.current().pid()).orElseThrow();

    assertThat(self.rssBytes()).isPositive();
    assertThat(self.highWaterBytes()).isGreaterThanOrEqualTo(self.rssBytes());
  }

  @Test
  void samplesGiveMeanPeakAndTheLastHighWaterMark() {
    ResidentMemory.Samples samples = new ResidentMemory.Samples();
    samples.add(new ResidentMemory(100, 300));
    samples.add(new ResidentMemory(200, 300));
    samples.add(new ResidentMemory(150, 350));

    assertThat(samples.count()).isEqualTo(3);
    assertThat(samples.meanBytes()).isEqualTo(150);
    assertThat(samples.peakBytes()).isEqualTo(200);
    assertThat(samples.highWaterBytes()).isEqualTo(350);
  }
}
