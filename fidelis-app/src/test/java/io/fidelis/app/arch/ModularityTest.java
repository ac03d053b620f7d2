package io.fidelis.app.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import org.junit.jupiter.api.Test;

/**
 * The capability packages' boundaries (house style rules 1-3 and 7): a capability's sub-packages (web/, importer
 * internals) are its own; others use only its top-level public API; controllers are never public; capabilities do
 * not form dependency cycles.
 */
class ModularityTest {
    private static final JavaClasses APP = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.fidelis.app");

    @Test
    void webPackagesAreUsedOnlyByTheirOwnCapability() {
        for (String capability : new String[] {"customer", "purchase", "importing", "staff", "audit", "loyalty", "survey", "complaint"}) {
            noClasses().that().resideOutsideOfPackage("io.fidelis.app." + capability + "..")
                    .should().dependOnClassesThat().resideInAPackage("io.fidelis.app." + capability + ".web..")
                    .check(APP);
        }
    }

    @Test
    void controllersAreNotPublic() {
        classes().that().areAnnotatedWith(org.springframework.web.bind.annotation.RestController.class)
                .or().areAnnotatedWith(org.springframework.stereotype.Controller.class)
                .should().notBePublic().check(APP);
    }

    @Test
    void capabilitiesFormNoCycles() {
        SlicesRuleDefinition.slices().matching("io.fidelis.app.(*)..").should().beFreeOfCycles().check(APP);
    }

    @Test
    void theSharedPackageDependsOnNoCapability() {
        noClasses().that().resideInAPackage("io.fidelis.app.shared..")
                .should().dependOnClassesThat().resideInAnyPackage("io.fidelis.app.customer..",
                        "io.fidelis.app.purchase..", "io.fidelis.app.importing..", "io.fidelis.app.staff..",
                        "io.fidelis.app.audit..", "io.fidelis.app.security..", "io.fidelis.app.web..",
                        "io.fidelis.app.cli..")
                .check(APP);
    }
}
