package no.bindeledd.web.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.bindeledd.web.it.HubClient.Reply;
import org.junit.jupiter.api.Test;

/**
 * What answers at the hub's address: the web app, a browsable API document served by the hub
 * itself, the OpenAPI document with its media type, a pointer at {@code /api}, and the caseworker's
 * list of the register.
 */
class FrontDoorIT {

  private static final Pattern REFERENCE = Pattern.compile("(?:href|src|action)=\"([^\"]+)\"");
  private static final Pattern INLINE_SCRIPT = Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>");

  private final RunningHub hub = RunningHub.get();
  private final HubClient anyone = hub.anonymous();

  @Test
  void theHubsAddressServesTheWebAppWithOnlyItsOwnFiles() {
    Reply page = anyone.get("/", "text/html");

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.contentType()).startsWith("text/html");
    assertThat(page.body()).contains("<html lang=\"nb\" dir=\"ltr\">").contains("id=\"root\"");
    List<String> files = assertOnlyItsOwnFiles("/", page.body());
    assertThat(files).anyMatch(f -> f.startsWith("/assets/") && f.endsWith(".js"));
    assertThat(files).anyMatch(f -> f.startsWith("/assets/") && f.endsWith(".css"));
  }

  @Test
  void theDevelopmentTokenEndpointStillGivesADemoUserABearerTokenForCurl() {
    Reply signedIn =
        anyone.post(
            "/api/dev-idp/token",
            "application/x-www-form-urlencoded",
            "username=" + Demo.CASEWORKER + "&password=" + hub.passwordOf(Demo.CASEWORKER));
    assertThat(signedIn.status()).isEqualTo(200);
    assertThat(signedIn.json().getString("access_token")).isNotBlank();
  }

  @Test
  void theApiDocumentIsBrowsableWithNothingFromOtherHosts() {
    Reply page = anyone.get("/api-docs/", "text/html");

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("swagger-ui");
    List<String> files = assertOnlyItsOwnFiles("/api-docs/", page.body());
    assertThat(files).anyMatch(f -> f.endsWith("swagger-ui-bundle.js"));
    Reply start = anyone.get("/api-docs/start.js");
    assertThat(start.body()).as("it shows the hub's own document").contains("\"../openapi\"");
  }

  @Test
  void theOpenApiDocumentIsYamlByDefaultAndJsonOnRequest() {
    Reply yaml = anyone.get("/openapi");
    assertThat(yaml.status()).isEqualTo(200);
    assertThat(yaml.contentType()).startsWith("application/yaml");
    assertThat(yaml.body()).startsWith("openapi: 3.");

    Reply askedForYaml = anyone.get("/openapi", "application/yaml");
    assertThat(askedForYaml.status()).isEqualTo(200);
    assertThat(askedForYaml.contentType()).startsWith("application/yaml");

    for (Reply json :
        List.of(
            anyone.get("/openapi", "application/json"),
            anyone.get("/openapi", "application/json, */*"),
            anyone.get("/openapi?format=json"))) {
      assertThat(json.status()).isEqualTo(200);
      assertThat(json.contentType()).startsWith("application/json");
      assertThat(json.json().getString("openapi")).startsWith("3.");
      assertThat(json.json().getJsonObject("paths").keySet()).contains("/api/participants");
    }
  }

  @Test
  void theApiItselfSaysWhereItIsDescribed() {
    for (String path : List.of("/api", "/api/")) {
      Reply index = anyone.get(path);
      assertThat(index.status()).as(path).isEqualTo(200);
      assertThat(index.json().getString("document")).isEqualTo("/openapi");
      assertThat(index.json().getString("browse")).isEqualTo("/api-docs/");
      assertThat(index.json().getString("signIn")).isEqualTo("/auth/login");
    }
  }

  @Test
  void aCaseworkerListsTheRegisterAPageAtATimeAndEachPersonShownIsAudited() {
    HubClient caseworker = hub.as(Demo.CASEWORKER);
    String id =
        caseworker
            .post("/api/participants", Demo.participantJson(Demo.adultNationalId()))
            .json()
            .getString("id");

    List<String> seen = new ArrayList<>();
    boolean more = true;
    for (int page = 0; more && page < 1000; page++) {
      Reply reply = caseworker.get("/api/participants?size=7&page=" + page);
      assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
      JsonObject body = reply.json();
      assertThat(body.getInt("page")).isEqualTo(page);
      assertThat(body.getJsonArray("participants").size()).isLessThanOrEqualTo(7);
      body.getJsonArray("participants")
          .getValuesAs(JsonObject.class)
          .forEach(p -> seen.add(p.getString("id")));
      more = body.getBoolean("hasMore");
    }
    assertThat(seen)
        .as("every page together holds everyone once")
        .contains(id)
        .doesNotHaveDuplicates();

    Reply audited =
        hub.as(Demo.AUDITOR).get("/api/audit/entries?person=" + id + "&action=person.read");
    assertThat(audited.json().getJsonArray("entries").getValuesAs(JsonObject.class))
        .as("listing is audited as a read of the person")
        .anyMatch(e -> e.toString().contains("listed in the register"));
  }

  @Test
  void theListIsTheCaseworkersAndExplainsWhatItNeeds() {
    assertThat(anyone.get("/api/participants").status()).isEqualTo(401);
    assertThat(hub.as(Demo.GP).get("/api/participants").status()).isEqualTo(403);
    for (String query : List.of("?size=abc", "?size=1000", "?page=-1")) {
      Reply bad = hub.as(Demo.CASEWORKER).get("/api/participants" + query);
      assertThat(bad.status()).as(query).isEqualTo(400);
      assertThat(bad.isProblem()).isTrue();
      assertThat(bad.json().getString("detail")).containsAnyOf("page", "size");
    }
  }

  /**
   * Every file the page refers to comes from the hub and is there; none is on another host, and the
   * page runs no inline script.
   */
  private List<String> assertOnlyItsOwnFiles(String pagePath, String html) {
    assertThat(INLINE_SCRIPT.matcher(html).find())
        .as("%s runs no inline script", pagePath)
        .isFalse();
    List<String> files = new ArrayList<>();
    Matcher reference = REFERENCE.matcher(html);
    while (reference.find()) {
      String target = reference.group(1);
      assertThat(URI.create(target).isAbsolute())
          .as("%s refers to %s on another host", pagePath, target)
          .isFalse();
      String path = URI.create(pagePath).resolve(target).getPath();
      files.add(path);
      if (!target.contains("dev-idp")) {
        Reply file = anyone.get(path);
        assertThat(file.status()).as("%s, referred to by %s", path, pagePath).isEqualTo(200);
        assertThat(file.bytes()).isNotEmpty();
      }
    }
    return files;
  }
}
