package cn.shouwang.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The server is a modular monolith: each direct sub-package of cn.shouwang.server (access, area, household,
 * audit, personaldata, platform, workbench, …) is a module. Another module may use only its public API —
 * classes named *Api, records and enums it hands out (commands, views, events), its exceptions, and the few
 * access types every module needs — and modules never depend on each other in a cycle. The pure domain
 * (cn.shouwang.core, cn.shouwang.screening) never depends on Spring. A module's own sub-packages (casework's
 * {@code identification}, {@code monitoring}, {@code assistance}, {@code elimination}, {@code quality}, {@code admin},
 * {@code shared}) are part of it, not modules of their own: they may use each other freely, and the public API of the
 * module stays at its root.
 *
 * <p>This checks the code's boundaries only. Data boundaries — each table owned by one module, in its schema, named in
 * no other module's SQL — are checked by {@link TableOwnershipTest}.
 */
class ModuleBoundaryTest {
    private static final String BASE = "cn.shouwang.server";
    private static final Set<String> ACCESS_API = Set.of("CurrentUser", "CurrentUsers", "AreaScope", "Role",
            "OutOfScopeException", "AreaSelector", "AreaInfo", "AccessProperties", "AreaLookup");
    /**
     * Questions a lower module asks and a higher one answers, not named *Api (module → simple names): household's
     * import hands its monitored households to casework through ImportedMonitoring.
     */
    private static final java.util.Map<String, Set<String>> QUESTIONS = java.util.Map.of("household",
            Set.of("ImportedMonitoring"));

    private static final JavaClasses SERVER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(BASE);
    private static final JavaClasses DOMAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("cn.shouwang.core", "cn.shouwang.screening");

    static String moduleOf(JavaClass c) {
        String p = c.getPackageName();
        if (!p.startsWith(BASE + ".")) return null;
        String rest = p.substring(BASE.length() + 1);
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    /** What a module offers to the others. */
    static boolean isPublicApi(JavaClass c) {
        JavaClass top = c;
        while (top.getEnclosingClass().isPresent()) top = top.getEnclosingClass().get();
        String module = moduleOf(top);
        String name = top.getSimpleName();
        if ("platform".equals(module)) return true; // infrastructure shared by all (database, web, clock)
        if ("access".equals(module) && ACCESS_API.contains(name)) return true;
        if (QUESTIONS.getOrDefault(module, Set.of()).contains(name)) return true;
        if (!top.equals(c) && name.endsWith("Views")) return true; // records held by a public Views class
        return name.endsWith("Api") || name.endsWith("Event") || name.endsWith("Exception")
                || name.endsWith("Cmd") || name.endsWith("View")
                || (top.equals(c) && (c.isRecord() || c.isEnum()) && c.getModifiers().contains(
                        com.tngtech.archunit.core.domain.JavaModifier.PUBLIC));
    }

    @Test
    void modulesUseOnlyEachOthersPublicApi() {
        ArchCondition<JavaClass> onlyApi = new ArchCondition<>("use other modules only through their public API") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                String from = moduleOf(origin);
                if (from == null) return;
                for (Dependency d : origin.getDirectDependenciesFromSelf()) {
                    JavaClass target = d.getTargetClass();
                    if (target.isArray()) target = target.getBaseComponentType();
                    String to = moduleOf(target);
                    if (to == null || to.equals(from)) continue;
                    if (!isPublicApi(target)) {
                        events.add(SimpleConditionEvent.violated(d, from + " → " + to + ": " + d.getDescription()));
                    }
                }
            }
        };
        ArchRule rule = ArchRuleDefinition.classes().that().resideInAPackage(BASE + ".*..").should(onlyApi);
        rule.check(SERVER);
    }

    @Test
    void modulesHaveNoCycles() {
        slices().matching(BASE + ".(*)..").should().beFreeOfCycles().check(SERVER);
    }

    @Test
    void theDomainDoesNotDependOnSpring() {
        noClasses().that().resideInAnyPackage("cn.shouwang.core..", "cn.shouwang.screening..")
                .should().dependOnClassesThat(DescribedPredicate.describe("Spring or Jakarta EE",
                        (JavaClass c) -> c.getPackageName().startsWith("org.springframework")
                                || c.getPackageName().startsWith("jakarta.")))
                .allowEmptyShould(true)
                .check(DOMAIN);
    }

    @Test
    void theRulesSeeTheModules() {
        // guards against a rule passing because it looked at nothing
        assertModules("access", "platform", "workbench");
    }

    @Test
    void aModulesSubPackagesBelongToTheModule() {
        Set<String> subPackages = new java.util.TreeSet<>();
        SERVER.forEach(c -> {
            if (c.getPackageName().startsWith(BASE + ".casework.")) {
                org.assertj.core.api.Assertions.assertThat(moduleOf(c)).as(c.getName()).isEqualTo("casework");
                subPackages.add(c.getPackageName().substring((BASE + ".casework.").length()));
            }
        });
        org.assertj.core.api.Assertions.assertThat(subPackages).contains("identification", "monitoring", "assistance",
                "elimination", "quality", "admin", "shared");
        // the public API stays at the module's root, where the other modules import it from
        org.assertj.core.api.Assertions.assertThat(SERVER.get(BASE + ".casework.CaseworkApi").getPackageName())
                .isEqualTo(BASE + ".casework");
    }

    private static void assertModules(String... expected) {
        Set<String> found = new java.util.TreeSet<>();
        SERVER.forEach(c -> { String m = moduleOf(c); if (m != null) found.add(m); });
        org.assertj.core.api.Assertions.assertThat(found).contains(expected);
        org.assertj.core.api.Assertions.assertThat(DOMAIN.containPackage("cn.shouwang.core.person")).isTrue();
    }
}
