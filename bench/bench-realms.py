#!/usr/bin/env python3
"""Writes the benchmark realms: bench-p (plain stock refresh), bench-a (stock "Revoke Refresh Token"),
bench-b (client opted into token families), bench-e (opted in like bench-b, for the login scenarios, so that their
sessions never share users or realm with the refresh scenarios), bench-q (a token-families policy and profile for
another client: bench-app is not opted in, so Q measures what Keycloak's client-policy machinery costs a refresh on
its own). Identical otherwise: same client, same users, events off.
Scale variant (bench/run.sh SCALE_FAMILIES): SCALE_USERS extra users pop0, pop1, … in bench-b only, for the population of
live families, and SESSION_IDLE seconds of SSO idle time in every realm (the population must outlive a long run)."""
import json, os, sys

SCALE_USERS = int(os.environ.get("SCALE_USERS", "0"))
SESSION_IDLE = int(os.environ.get("SESSION_IDLE", "1800"))

def user(name, i, prefix="user"):
    return {"username": f"{prefix}{i}", "enabled": True, "email": f"{prefix}{i}@example.com", "emailVerified": True,
            "firstName": "Bench", "lastName": f"User{i}",
            "credentials": [{"type": "password", "value": "bench-password", "temporary": False}],
            "realmRoles": [f"default-roles-{name}"]}

def realm(name, revoke, opted_in, opted_clients=("bench-app",)):
    r = {
        "realm": name, "enabled": True, "sslRequired": "none",
        "revokeRefreshToken": revoke, "refreshTokenMaxReuse": 0,
        "accessTokenLifespan": 300, "ssoSessionIdleTimeout": SESSION_IDLE, "ssoSessionMaxLifespan": 36000,
        "eventsEnabled": False, "bruteForceProtected": False,
        # cheap password hashing: the benchmark measures token handling, not Argon2 (E compares two endpoints
        # with the same hash, and the many logins that build the family pools stay fast)
        "passwordPolicy": "hashAlgorithm(pbkdf2-sha256) and hashIterations(1000)",
        "clients": [{"clientId": "bench-app", "publicClient": True, "directAccessGrantsEnabled": True,
                     "standardFlowEnabled": False, "redirectUris": ["http://localhost/cb"]}],
        "users": [user(name, i) for i in range(32)],
    }
    if name == "bench-b":
        r["users"] += [user(name, i, "pop") for i in range(SCALE_USERS)]
    if opted_in:
        r["clientProfiles"] = {"profiles": [{"name": "tf", "executors": [{"executor": "token-families",
                               "configuration": {"grace-seconds": "30", "blast-radius": "family"}}]}]}
        r["clientPolicies"] = {"policies": [{"name": "tf", "enabled": True, "profiles": ["tf"],
                               "conditions": [{"condition": "token-families-clients", "configuration": {"clients": list(opted_clients)}}]}]}
        r["clients"].append({"clientId": "other-app", "publicClient": True, "directAccessGrantsEnabled": True,
                             "standardFlowEnabled": False, "redirectUris": ["http://localhost/cb"]})
    return r

out = sys.argv[1]
for name, revoke, opted, clients in [("bench-p", False, False, ()), ("bench-a", True, False, ()),
                                     ("bench-b", False, True, ("bench-app",)), ("bench-e", False, True, ("bench-app",)),
                                     ("bench-q", False, True, ("other-app",))]:
    with open(f"{out}/{name}-realm.json", "w") as f:
        json.dump(realm(name, revoke, opted, clients), f)
