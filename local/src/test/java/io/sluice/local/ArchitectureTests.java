package io.sluice.local;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The launcher's boundaries, checked against its production classes.
 */
@AnalyzeClasses(packages = "io.sluice.local", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	@ArchTest
	static final ArchRule runsTheServicesAsProcessesOnly = noClasses().that()
		.resideInAPackage("io.sluice.local..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("io.sluice.api..", "io.sluice.worker..")
		.because("the launcher runs the API and the workers as processes, as an operator would, "
				+ "and never calls into their classes");

	@ArchTest
	static final ArchRule shipsNoFaultHooks = noClasses().that()
		.resideInAPackage("io.sluice.local..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("io.sluice.faults..", "org.testcontainers..")
		.because("the launcher ships to users: neither the fault suite's hooks nor a Docker client belong in it");

}
