<#ftl output_format="plainText">
${msg("tokenFamilyNewDeviceIntro")}

${msg("tokenFamilyNewDeviceDevice", deviceName)}
${msg("tokenFamilyNewDevicePlatform", platform)}
${msg("tokenFamilyNewDeviceApp", app)}
${msg("tokenFamilyNewDeviceTime", time)}
${msg("tokenFamilyNewDeviceAddress", ipAddress)}

${msg("tokenFamilyNewDeviceIfYou")}
${msg("tokenFamilyNewDeviceIfNotYou")}
${devicesUrl}
