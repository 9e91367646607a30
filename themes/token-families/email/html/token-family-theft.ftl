<#import "template.ftl" as layout>
<#--
  deviceName, clientId and ipAddress come from the client (declared device name, model or platform; forwarded
  address). The messages are plain text and FreeMarker's HTML auto-escaping escapes them with the values in them.
  Never route them through kcSanitize(...)?no_esc like Keycloak's own templates: kcSanitize decodes entities first
  and keeps links and images, so a device name could put a working link into the mail.
-->
<@layout.emailLayout>
<p>${msg("tokenFamilyTheftSignedOut", deviceName, time, clientId, ipAddress)}</p>
<p>${msg("tokenFamilyTheftWhy", deviceName, time, clientId, ipAddress)}</p>
<p><strong>${msg("tokenFamilyTheftWhatToDoTitle")}</strong> ${msg("tokenFamilyTheftWhatToDo", deviceName, time, clientId, ipAddress)}</p>
</@layout.emailLayout>
