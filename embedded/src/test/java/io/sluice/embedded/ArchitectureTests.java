package io.sluice.embedded;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The embedded stack's boundaries, checked against its production classes.
 */
@AnalyzeClasses(packages = "io.sluice.embedded", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	@ArchTest
	static final ArchRule knowsNothingOfWhatRunsOnIt = noClasses().that()
		.resideInAPackage("io.sluice.embedded..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("io.sluice.api..", "io.sluice.worker..", "io.sluice.local..", "io.sluice.bench..",
				"io.sluice.faults..")
		.because("the embedded stack is infrastructure that the tests, the launcher and the benchmark start; "
				+ "it knows nothing of what runs on it");

	@ArchTest
	static final ArchRule needsTestcontainersOnlyInContainerInfrastructure = noClasses().that()
		.resideInAPackage("io.sluice.embedded..")
		.and()
		.doNotHaveSimpleName("ContainerInfrastructure")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.testcontainers..")
		.because("Testcontainers is optional in sluice-embedded: only ContainerInfrastructure may load it, "
				+ "so the launcher and the benchmark run without it on their class path");

}
