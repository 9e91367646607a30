package io.github.tokenfamilies.events;

import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * The security e-mails' common part: sent through Keycloak's e-mail sender with the realm's SMTP settings and the
 * {@code token-families} e-mail theme, only when the realm has SMTP settings and the user an address. A failure is
 * one WARN line naming the user id, the mail and the root cause's class, never a token or an address. Attribute
 * values are passed raw: the HTML templates escape them (FreeMarker auto-escaping, no kcSanitize), the text
 * templates print them as they are.
 */
final class UserMail {

    private static final Logger LOG = Logger.getLogger(UserMail.class);

    private UserMail() {
    }

    /** Sends the mail; returns whether it went out. {@code what} names the mail in log lines. */
    static boolean send(KeycloakSession session, RealmModel realm, UserModel user, String subjectKey, List<Object> subjectAttributes,
                        String template, Map<String, Object> attributes, String what) {
        if (user == null || user.getEmail() == null || realm.getSmtpConfig() == null || realm.getSmtpConfig().isEmpty()) {
            LOG.debugf("no %s e-mail sent to user %s: no address or no SMTP settings", what, user == null ? null : user.getId());
            return false;
        }
        try {
            session.getProvider(EmailTemplateProvider.class).setRealm(realm).setUser(user)
                    .send(subjectKey, subjectAttributes, template, attributes);
            return true;
        } catch (EmailException e) {
            // the cause's message may name the recipient's address: DEBUG only
            Throwable cause = e;
            while (cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause();
            }
            LOG.warnf("could not e-mail user %s about %s: %s", user.getId(), what, cause.getClass().getSimpleName());
            LOG.debugf(e, "e-mail to user %s about %s failed", user.getId(), what);
            return false;
        }
    }
}
