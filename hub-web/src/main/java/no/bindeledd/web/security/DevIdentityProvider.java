package no.bindeledd.web.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import no.bindeledd.web.Roles;
import no.bindeledd.web.platform.Deployment;

/**
 * The development identity provider of the embedded profile, so that one command runs the whole
 * hub. It issues MicroProfile JWT bearer tokens for the configured demo users, and for the demo
 * participants citizens' tokens with the claims ID-porten gives ({@code pid}, {@code acr}), whose
 * passwords it generates at first start and keeps, with its signing key, under the data folder.
 * Production uses the organisation's OpenID Connect provider instead; this class is never active
 * there.
 */
public final class DevIdentityProvider {

  public static final Duration TOKEN_LIFETIME = Duration.ofHours(8);

  private static final SecureRandom RANDOM = new SecureRandom();

  private final RSAKey signingKey;
  private final Map<String, Deployment.DemoUser> users = new LinkedHashMap<>();
  private final Map<String, Deployment.DemoParticipant> participants = new LinkedHashMap<>();
  private final Properties passwords;
  private final String issuer;
  private final Clock clock;

  private DevIdentityProvider(
      RSAKey signingKey,
      Properties passwords,
      List<Deployment.DemoUser> users,
      List<Deployment.DemoParticipant> participants,
      String issuer,
      Clock clock) {
    this.signingKey = signingKey;
    this.passwords = passwords;
    users.forEach(u -> this.users.put(u.username(), u));
    participants.forEach(p -> this.participants.put(p.username(), p));
    this.issuer = issuer;
    this.clock = clock;
  }

  /**
   * Loads the key and passwords from {@code dir}, creating what is missing, and writes the public
   * key where the MicroProfile JWT verifier reads it ({@link #publicKeyFile(Path)}).
   */
  public static DevIdentityProvider loadOrCreate(
      Path dir, List<Deployment.DemoUser> users, String issuer, Clock clock) {
    return loadOrCreate(dir, users, List.of(), issuer, clock);
  }

  /** As {@link #loadOrCreate(Path, List, String, Clock)}, with the demo participants too. */
  public static DevIdentityProvider loadOrCreate(
      Path dir,
      List<Deployment.DemoUser> users,
      List<Deployment.DemoParticipant> participants,
      String issuer,
      Clock clock) {
    try {
      Files.createDirectories(dir);
      Path keyFile = dir.resolve("signing-key.jwk");
      RSAKey key;
      if (Files.exists(keyFile)) {
        key = RSAKey.parse(Files.readString(keyFile, StandardCharsets.UTF_8));
      } else {
        key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        writeOwnerOnly(keyFile, key.toJSONString());
      }
      Path passwordFile = dir.resolve("demo-passwords.properties");
      Properties passwords = new Properties();
      if (Files.exists(passwordFile)) {
        try (Reader reader = Files.newBufferedReader(passwordFile, StandardCharsets.UTF_8)) {
          passwords.load(reader);
        }
      }
      boolean added = false;
      List<String> names = new ArrayList<>();
      users.forEach(u -> names.add(u.username()));
      participants.forEach(p -> names.add(p.username()));
      for (String name : names) {
        if (!passwords.containsKey(name)) {
          passwords.setProperty(name, newPassword());
          added = true;
        }
      }
      if (added) {
        StringBuilder text =
            new StringBuilder("# Demo users' passwords for the development identity provider\n");
        for (String name : passwords.stringPropertyNames().stream().sorted().toList()) {
          text.append(name).append('=').append(passwords.getProperty(name)).append('\n');
        }
        writeOwnerOnly(passwordFile, text.toString());
      }
      String pem =
          "-----BEGIN PUBLIC KEY-----\n"
              + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                  .encodeToString(key.toRSAPublicKey().getEncoded())
              + "\n-----END PUBLIC KEY-----\n";
      Files.writeString(publicKeyFile(dir), pem, StandardCharsets.US_ASCII);
      return new DevIdentityProvider(key, passwords, users, participants, issuer, clock);
    } catch (IOException | ParseException | JOSEException e) {
      throw new IllegalStateException(
          "cannot set up the development identity provider in " + dir, e);
    }
  }

  public static Path publicKeyFile(Path dir) {
    return dir.resolve("public-key.pem");
  }

  /**
   * A subject that, as ID-porten's pairwise one, says nothing about the person: a hash of the user
   * name, the same at every start.
   */
  static String pairwiseSubject(String username) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest(("bindeledd-dev-idp:" + username).getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing", e);
    }
  }

  private static String newPassword() {
    byte[] bytes = new byte[12];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static void writeOwnerOnly(Path file, String content) throws IOException {
    Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
    try {
      Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: the folder's own protection has to do.
    }
    try (Writer writer = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
      writer.write(content);
    }
    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  public List<Deployment.DemoUser> users() {
    return List.copyOf(users.values());
  }

  public List<Deployment.DemoParticipant> participants() {
    return List.copyOf(participants.values());
  }

  public String passwordOf(String username) {
    return passwords.getProperty(username);
  }

  /**
   * A signed token for the user, if the password is theirs: a staff member's with role and agency,
   * a demo participant's with the citizen role, their national identity number ({@code pid}) and
   * the level they sign in at ({@code acr}).
   */
  public Optional<String> issueToken(String username, String password) {
    Deployment.DemoUser user = users.get(username);
    Deployment.DemoParticipant participant = participants.get(username);
    String expected = user == null && participant == null ? null : passwords.getProperty(username);
    if (expected == null
        || password == null
        || !MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.UTF_8), password.getBytes(StandardCharsets.UTF_8))) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    JWTClaimsSet.Builder builder =
        new JWTClaimsSet.Builder()
            .issuer(issuer)
            .claim("upn", username)
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(TOKEN_LIFETIME)))
            .jwtID(UUID.randomUUID().toString());
    if (user != null) {
      builder
          .subject(user.username())
          .claim("name", user.displayName())
          .claim("groups", List.of(user.role().code()));
      if (user.agency() != null) {
        builder.claim("agency", user.agency().value());
      }
    } else {
      builder
          .subject(pairwiseSubject(username))
          .claim("name", participant.fullName())
          .claim("groups", List.of(Roles.CITIZEN))
          .claim("pid", participant.nationalId().value())
          .claim("acr", participant.acr())
          .claim("amr", List.of("TestID"))
          .claim("locale", participant.preferredLanguage().getLanguage());
    }
    JWTClaimsSet claims = builder.build();
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256)
                .type(JOSEObjectType.JWT)
                .keyID(signingKey.getKeyID())
                .build(),
            claims);
    try {
      jwt.sign(new RSASSASigner(signingKey));
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign a token", e);
    }
    return Optional.of(jwt.serialize());
  }
}
