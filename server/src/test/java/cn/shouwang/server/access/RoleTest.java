package cn.shouwang.server.access;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shouwang.core.casework.CaseRole;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** One role vocabulary: every account role is the core's casework role of the same name, and back. */
class RoleTest {

    @Test
    void everyRoleMapsToTheCaseRoleOfTheSameName() {
        for (Role r : Role.values()) {
            assertThat(r.caseRole()).as(r.name()).isNotNull();
            assertThat(r.caseRole().name()).isEqualTo(r.name());
        }
    }

    @Test
    void everyCaseRoleIsSomeRole() {
        Set<CaseRole> mapped = Arrays.stream(Role.values()).map(Role::caseRole).collect(Collectors.toSet());
        assertThat(mapped).containsExactlyInAnyOrder(CaseRole.values());
        assertThat(Role.values()).hasSameSizeAs(CaseRole.values());
    }
}
