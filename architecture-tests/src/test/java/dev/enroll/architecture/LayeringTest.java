package dev.enroll.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The rules of {@link LayerRules} applied to the production classes of every module. Test
 * classes are left out: they may use any library, and this module's own fixture is wrong on
 * purpose ({@link LayerRulesTest} shows every rule rejecting it).
 */
@AnalyzeClasses(packages = LayeringTest.BASE, importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {

    static final String BASE = "dev.enroll";

    @ArchTest
    static final ArchRule onion = LayerRules.onion(BASE);

    @ArchTest
    static final ArchRule domain_uses_only_the_jdk = LayerRules.domainUsesOnlyTheJdk(BASE);

    @ArchTest
    static final ArchRule application_uses_only_domain_jdk_and_phone_numbers =
            LayerRules.applicationUsesOnlyDomainJdkAndPhoneNumbers(BASE);

    @ArchTest
    static final ArchRule http_frameworks_only_in_http_adapter = LayerRules.httpFrameworksOnlyInHttpAdapter(BASE);

    @ArchTest
    static final ArchRule persistence_frameworks_only_in_persistence_adapter =
            LayerRules.persistenceFrameworksOnlyInPersistenceAdapter(BASE);

    @ArchTest
    static final ArchRule caches_only_in_adapters = LayerRules.cachesOnlyInAdapters(BASE);

    @ArchTest
    static final ArchRule command_line_frameworks_only_in_bootstrap =
            LayerRules.commandLineFrameworksOnlyInBootstrap(BASE);

    @ArchTest
    static final ArchRule adapters_use_ports_not_services = LayerRules.adaptersUsePortsNotServices(BASE);

    @ArchTest
    static final ArchRule nothing_depends_on_bootstrap = LayerRules.nothingDependsOnBootstrap(BASE);

    @ArchTest
    static final ArchRule no_package_cycles = LayerRules.noPackageCycles(BASE);

    @ArchTest
    static final ArchRule no_meaningless_class_name_suffixes = LayerRules.noMeaninglessClassNameSuffixes(BASE);
}
