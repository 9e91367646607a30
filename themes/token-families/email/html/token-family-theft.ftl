<#import "template.ftl" as layout>
<@layout.emailLayout>
${kcSanitize(msg("tokenFamilyTheftBodyHtml", deviceName, time, clientId, ipAddress))?no_esc}
</@layout.emailLayout>
