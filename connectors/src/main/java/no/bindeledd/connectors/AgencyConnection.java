package no.bindeledd.connectors;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How the hub reaches one agency, as the municipality's configuration says. Adding an agency, or
 * moving one to another transport, is a change to that configuration only.
 */
public sealed interface AgencyConnection {

  /** The agency's organisation number. */
  String agency();

  /**
   * The agency's staff work in the hub's own inbox. If an address is given, each delivered message
   * is announced there by an e-mail that carries no personal data.
   */
  record HubInbox(String agency, Optional<String> notifyAddress) implements AgencyConnection {
    public HubInbox {
      Objects.requireNonNull(agency);
      Objects.requireNonNull(notifyAddress);
    }
  }

  /** A GP office whose record system speaks Dialogmelding in MsgHead, over HTTP or files. */
  record GpOffice(String agency, GpTransport transport) implements AgencyConnection {
    public GpOffice {
      Objects.requireNonNull(agency);
      Objects.requireNonNull(transport);
    }
  }

  /** NAV, which takes participant plans as JSON over HTTP and acknowledges each. */
  record Nav(String agency, URI planEndpoint) implements AgencyConnection {
    public Nav {
      Objects.requireNonNull(agency);
      Objects.requireNonNull(planEndpoint);
    }
  }

  /** How messages travel between the hub and a GP office's communication module. */
  sealed interface GpTransport {

    /** The hub posts to the office's integration endpoint; the office posts to the hub's. */
    record Http(URI endpoint) implements GpTransport {}

    /**
     * A folder pair, as record systems' communication modules exchange files: the hub writes into
     * {@code toOffice} and picks up from {@code fromOffice}.
     */
    record FileDrop(Path toOffice, Path fromOffice) implements GpTransport {}
  }
}
