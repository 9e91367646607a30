<#ftl output_format="plainText">
${msg("tokenFamilyTheftBody", deviceName, time, clientId, ipAddress)}
