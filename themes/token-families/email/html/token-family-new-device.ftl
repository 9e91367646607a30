<#import "template.ftl" as layout>
<#--
  deviceName and platform come from the client (declared device), app from the client's name, ipAddress and
  devicesUrl from the request. FreeMarker's HTML auto-escaping escapes every one of them, in text and in the href;
  never route them through kcSanitize(...)?no_esc (see token-family-theft.ftl).
-->
<@layout.emailLayout>
<p>${msg("tokenFamilyNewDeviceIntro")}</p>
<ul>
<li>${msg("tokenFamilyNewDeviceDevice", deviceName)}</li>
<li>${msg("tokenFamilyNewDevicePlatform", platform)}</li>
<li>${msg("tokenFamilyNewDeviceApp", app)}</li>
<li>${msg("tokenFamilyNewDeviceTime", time)}</li>
<li>${msg("tokenFamilyNewDeviceAddress", ipAddress)}</li>
</ul>
<p>${msg("tokenFamilyNewDeviceIfYou")}</p>
<p>${msg("tokenFamilyNewDeviceIfNotYou")} <a href="${devicesUrl}">${msg("tokenFamilyNewDeviceLink")}</a></p>
</@layout.emailLayout>
