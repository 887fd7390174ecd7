package io.sluice.common;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The boundaries of sluice-common, checked against its production classes: it is the
 * contract the API and the worker share, so it depends on neither.
 */
@AnalyzeClasses(packages = "io.sluice.common", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	@ArchTest
	static final ArchRule packagesAreFreeOfCycles = slices().matching("io.sluice.common.(*)..")
		.should()
		.beFreeOfCycles()
		.because("a cycle between common's packages means none of them can be understood or changed alone");

	@ArchTest
	static final ArchRule commonKnowsNoApplication = noClasses().that()
		.resideInAPackage("io.sluice.common..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("io.sluice.api..", "io.sluice.worker..")
		.because("sluice-common is what the API and the worker share; depending on either would tie the other "
				+ "to it");

	@ArchTest
	static final ArchRule commonShipsNoFaultHooks = noClasses().that()
		.resideInAPackage("io.sluice.common..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("io.sluice.faults..")
		.because("the fault suite's hooks never ship in sluice-common, and so in neither application");

	@ArchTest
	static final ArchRule commonShipsNoTestInfrastructure = noClasses().that()
		.resideInAPackage("io.sluice.common..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("io.sluice.embedded..")
		.because("test infrastructure never ships in sluice-common, and so in neither application");

}
