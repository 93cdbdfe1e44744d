package no.bindeledd.web.it;

import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The running hub's heap, read from outside through the JVM's own management interface: the test
 * attaches to the hub's process and starts its local JMX agent. Large arrays (anything over half a
 * G1 region) are allocated straight into the old generation, so the old generation's peak shows
 * whether a body was ever held whole.
 */
final class HubMemory implements AutoCloseable {

  static final long MIB = 1024 * 1024;

  private final JMXConnector connector;
  private final MemoryMXBean memory;
  private final List<MemoryPoolMXBean> heapPools;

  private HubMemory(JMXConnector connector, MBeanServerConnection connection) throws IOException {
    this.connector = connector;
    this.memory =
        ManagementFactory.newPlatformMXBeanProxy(
            connection, ManagementFactory.MEMORY_MXBEAN_NAME, MemoryMXBean.class);
    this.heapPools =
        ManagementFactory.getPlatformMXBeans(connection, MemoryPoolMXBean.class).stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP)
            .toList();
  }

  static HubMemory of(RunningHub hub) {
    try {
      VirtualMachine vm = VirtualMachine.attach(String.valueOf(hub.pid()));
      String address;
      try {
        address = vm.startLocalManagementAgent();
      } finally {
        vm.detach();
      }
      JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address));
      return new HubMemory(connector, connector.getMBeanServerConnection());
    } catch (Exception e) {
      throw new IllegalStateException("cannot watch the hub's memory", e);
    }
  }

  /** The heap in use after a full collection: what the hub holds on to. */
  long retainedAfterCollection() {
    memory.gc();
    return memory.getHeapMemoryUsage().getUsed();
  }

  long maxHeap() {
    return memory.getHeapMemoryUsage().getMax();
  }

  /** Starts measuring peaks afresh. */
  void resetPeaks() {
    heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
  }

  long oldGenerationUsed() {
    return oldGeneration().getUsage().getUsed();
  }

  long oldGenerationPeak() {
    return oldGeneration().getPeakUsage().getUsed();
  }

  private MemoryPoolMXBean oldGeneration() {
    return heapPools.stream()
        .filter(pool -> pool.getName().contains("Old Gen") || pool.getName().contains("Tenured"))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no old generation among " + heapPools));
  }

  @Override
  public void close() throws IOException {
    connector.close();
  }
}
