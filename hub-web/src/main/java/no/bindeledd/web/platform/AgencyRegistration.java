package no.bindeledd.web.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.security.cert.X509Certificate;
import java.util.Map;
import no.bindeledd.core.certificates.CertificateRegistry;
import no.bindeledd.core.party.Agencies;
import no.bindeledd.core.party.Agency;

/**
 * Brings the agency register in line with configuration: adds new agencies, renames changed ones,
 * and registers the certificate of each agency whose key the hub holds, through the certificate
 * registry and its checks, as an administrator's registration would be.
 */
@ApplicationScoped
public class AgencyRegistration {

  @Inject Agencies agencies;
  @Inject CertificateRegistry certificateRegistry;

  @Transactional
  public void register(Municipality municipality, Map<String, X509Certificate> certificates) {
    for (Municipality.AgencyEntry entry : municipality.agencies()) {
      Agency agency =
          agencies
              .find(entry.orgNumber())
              .orElseGet(
                  () -> {
                    Agency created =
                        new Agency(entry.orgNumber(), entry.name(), entry.kind(), entry.herId());
                    agencies.add(created);
                    return created;
                  });
      agency.describe(entry.name(), entry.kind(), entry.herId());
    }
    for (Municipality.AgencyEntry entry : municipality.agencies()) {
      X509Certificate certificate = certificates.get(entry.orgNumber().value());
      if (certificate != null) {
        certificateRegistry.registerAtStart(entry.orgNumber(), certificate);
      }
    }
  }
}
