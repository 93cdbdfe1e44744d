package no.bindeledd.web.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.security.cert.X509Certificate;
import java.util.Map;
import no.bindeledd.core.crypto.Pem;
import no.bindeledd.core.party.Agencies;
import no.bindeledd.core.party.Agency;

/**
 * Brings the agency register in line with configuration: adds new agencies, renames changed ones,
 * and registers each agency's signing certificate, against which its messages are verified.
 */
@ApplicationScoped
public class AgencyRegistration {

  @Inject Agencies agencies;

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
      X509Certificate certificate = certificates.get(entry.orgNumber().value());
      if (certificate != null) {
        agency.registerSigningCertificate(Pem.encode(certificate));
      }
    }
  }
}
