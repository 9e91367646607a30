<#ftl output_format="plainText">
${msg("tokenFamilyTheftSignedOut", deviceName, time, clientId, ipAddress)}

${msg("tokenFamilyTheftWhy", deviceName, time, clientId, ipAddress)}

${msg("tokenFamilyTheftWhatToDoTitle")} ${msg("tokenFamilyTheftWhatToDo", deviceName, time, clientId, ipAddress)}
