package no.bindeledd.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import no.bindeledd.core.access.Role;
import org.junit.jupiter.api.Test;

class RolesTest {

  @Test
  void theAnnotationConstantsAreExactlyTheRolesATokenMayCarry() throws Exception {
    var constants =
        Arrays.stream(Roles.class.getDeclaredFields())
            .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
            .map(RolesTest::value)
            .toList();
    var tokenRoles =
        Arrays.stream(Role.values())
            .map(Role::code)
            .filter(code -> Role.fromCode(code).isPresent())
            .toList();

    assertThat(constants).containsExactlyInAnyOrderElementsOf(tokenRoles);
  }

  private static String value(Field field) {
    try {
      return (String) field.get(null);
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    }
  }
}
