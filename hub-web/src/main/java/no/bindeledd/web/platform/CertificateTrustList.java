package no.bindeledd.web.platform;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import no.bindeledd.core.crypto.DevelopmentCa;

/**
 * The CA certificates agencies' certificates must chain to, read from {@code
 * hub.certificates.trust-list} each time they are asked for, so that an operator adds an issuer by
 * adding a file. In the embedded profile the development CA is trusted too. A file that cannot be
 * read is logged and left out: what it would have trusted is then refused, never the reverse.
 */
final class CertificateTrustList implements Supplier<List<X509Certificate>> {

  private static final Logger LOG = Logger.getLogger(CertificateTrustList.class.getName());

  private final List<Path> sources;
  private final Path developmentCaKeys;

  /**
   * @param developmentCaKeys the keys folder of the embedded profile's development CA, or null
   */
  CertificateTrustList(List<Path> sources, Path developmentCaKeys) {
    this.sources = List.copyOf(sources);
    this.developmentCaKeys = developmentCaKeys;
  }

  @Override
  public List<X509Certificate> get() {
    List<X509Certificate> trusted = new ArrayList<>();
    if (developmentCaKeys != null) {
      trusted.add(DevelopmentCa.loadOrCreate(developmentCaKeys).certificate());
    }
    for (Path source : sources) {
      for (Path file : files(source)) {
        trusted.addAll(read(file));
      }
    }
    return List.copyOf(trusted);
  }

  private static List<Path> files(Path source) {
    if (!Files.isDirectory(source)) {
      return List.of(source);
    }
    try (Stream<Path> listed = Files.list(source)) {
      return listed
          .filter(p -> p.getFileName().toString().matches("(?i).*\\.(pem|crt)"))
          .sorted()
          .toList();
    } catch (IOException e) {
      LOG.log(Level.SEVERE, "Cannot list the trust list folder " + source, e);
      return List.of();
    }
  }

  private static List<X509Certificate> read(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      List<X509Certificate> read = new ArrayList<>();
      for (Certificate certificate :
          CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        read.add((X509Certificate) certificate);
      }
      return read;
    } catch (IOException | CertificateException e) {
      LOG.log(Level.SEVERE, "Cannot read the trusted CA certificates in " + file, e);
      return List.of();
    }
  }
}
