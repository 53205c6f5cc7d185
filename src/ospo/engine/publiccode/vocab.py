"""Controlled vocabularies of the publiccode.yml standard (0.x series and the 1.0 candidate).

Kept as plain frozensets so checks are set lookups; the values are the identifiers the standard defines
(categories-list, scope-list, aliases-list, enums in the schema reference).
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# publiccodeYmlVersion values the 0.x series accepts; "0" means "the latest 0.x". 0.6 was never released.
V0_VERSIONS = frozenset({
    "0", "0.2", "0.2.0", "0.2.1", "0.2.2", "0.3", "0.3.0", "0.4", "0.4.0", "0.5", "0.5.0", "0.7", "0.7.0",
})
# The 1.0 candidate: validated with the latest 0.x rules plus the relaxations the candidate brings.
V1_VERSIONS = frozenset({"1", "1.0", "1.0.0"})
LATEST_V0 = "0.7"

DEVELOPMENT_STATUS = ("concept", "development", "beta", "stable", "obsolete")
SOFTWARE_TYPES = (
    "standalone/mobile", "standalone/iot", "standalone/desktop", "standalone/web", "standalone/backend",
    "standalone/other", "addon", "library", "configurationFiles",
)
MAINTENANCE_TYPES = ("internal", "contract", "community", "none")
# Platforms: the standard lists these but explicitly allows other human-readable values.
PLATFORMS = ("web", "windows", "mac", "linux", "ios", "android", "haiku")
IT_EXTENSION_VERSIONS = ("0.2", "1.0")
IT_PIATTAFORME = ("spid", "cie", "anpr", "pagopa", "io")
IT_CONFORME = ("lineeGuidaDesign", "modelloInteroperabilita", "misureMinimeSicurezza", "gdpr")

CATEGORIES = _words("""
accounting agile-project-management applicant-tracking application-development appointment-scheduling backup
billing-and-invoicing blog budgeting business-intelligence business-process-management cad call-center-management
cloud-management collaboration communications compliance-management contact-management content-management crm
customer-service-and-support data-analytics data-collection data-visualization design design-system
digital-asset-management digital-citizenship document-management donor-management e-commerce e-signature
educational-content email-management email-marketing employee-management enterprise-project-management
enterprise-social-networking erp event-management facility-management feedback-and-reviews-management
financial-reporting fleet-management fundraising gamification geographic-information-systems grant-management
graphic-design help-desk hr ide identity-management instant-messaging integrated-library-system
inventory-management it-asset-management it-development it-management it-security it-service-management
knowledge-management learning-management-system marketing mind-mapping mobile-marketing mobile-payment
network-management office online-booking online-community other payment-gateway payroll predictive-analysis
procurement productivity-suite project-collaboration project-management property-management
real-estate-management regulations-and-directives remote-support resource-management sales-management seo
service-desk social-media-management survey talent-management task-management taxes-management test-management
time-management time-tracking translation video-conferencing video-editing visitor-management voip
warehouse-management web-collaboration web-conferencing whistleblowing website-builder workflow-management
""")

SCOPES = _words("""
agriculture culture defence education emergency-services employment energy environment
finance-and-economic-development foreign-affairs government healthcare infrastructures justice local-authorities
manufacturing research science-and-technology security society sport tourism transportation welfare
""")

# `supports[].id` may name a regulation or service by alias ("alias:gdpr") instead of a URI.
SUPPORT_ALIASES = _words("""
gdpr nis2 eidas dora ai-act cra accessibility-act wcag spid cie pagopa io anpr sepa peppol
""")

LOGO_EXTENSIONS = (".svg", ".svgz", ".png")
IMAGE_EXTENSIONS = (".svg", ".svgz", ".png", ".jpg", ".jpeg", ".gif", ".webp")
