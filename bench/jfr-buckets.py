#!/usr/bin/env python3
"""Where a refresh's CPU goes, per scenario, from a PROFILE=1 run of bench/run.sh.

usage: python3 bench/jfr-buckets.py [--seconds N] BENCH_LOG FILE.jfr [FILE.jfr ...]
  BENCH_LOG: the run's console output (its "round N <scenario> ... (HH:MM:SS - HH:MM:SS)" lines give each scenario's
  wall-clock windows; warm-up rounds are left out). FILE.jfr: target/bench/keycloak.jfr, or node1.jfr and node2.jfr
  of a cluster run (their samples are added up). --seconds: the run's SECONDS_PER, how long each scenario ran per
  round (8 unless set): a round's requests are its throughput times that.

Counts JFR execution samples of Keycloak's request threads (executor-thread-*) per 1,000 requests of each scenario,
each sample in the first bucket whose pattern one of its frames matches, and prints a Markdown table with B - P and
B - A. Samples are taken every 10-20 ms per thread, so buckets under ~1 sample per 1,000 requests are noise.
"""
import collections
import re
import subprocess
import sys

BUCKETS = [(name, re.compile(pattern)) for name, pattern in [
    ('ours: verify of the presented token (Keycloak then verifies once)', r'PresentedToken\.verify|TokenManager\.verifyRefreshToken'),
    ('ours: rotation marker', r'RotationLock\.'),
    ('ours: grace reply (seal, serialize, store)', r'GraceCache\.|FamilyRefreshGrantType\.serialize'),
    ('ours: revocation fence', r'RevocationFence\.'),
    ('ours: family lookup, read, write, claims', r'FamilyIssuer\.|FamilyStore\.|FamilyState\.|TokenFamiliesExecutor\.|RefreshGate\.'),
    ("Keycloak: client-policy machinery", r'DefaultClientPolicyManager\.triggerOnEvent'),
    ('Keycloak: commit (session and database writes)', r'DefaultKeycloakTransactionManager\.commit\('),
    ('Keycloak: token encoding and signing', r'DefaultTokenManager\.encode'),
    ('Keycloak: rest of the refresh grant', r'RefreshTokenGrantType\.process'),
    ('everything else (HTTP, filters, session close)', r'.'),
]]


def windows(log, seconds):
    out = []
    for line in open(log):
        m = re.match(r'round \d+\s+(\S+)\s+([\d.]+) req/s.*\((\d\d:\d\d:\d\d) - (\d\d:\d\d:\d\d)\)', line)
        if m:
            out.append((m.group(1), m.group(3), m.group(4), float(m.group(2)) * seconds))
    return out


def main():
    args = sys.argv[1:]
    seconds = 8.0
    if args[:1] == ['--seconds'] and len(args) > 1:
        seconds, args = float(args[1]), args[2:]
    if len(args) < 2:
        sys.exit(__doc__)
    wins = windows(args[0], seconds)
    if not wins:
        sys.exit('no measured rounds in ' + args[0])

    def scenario(ts):
        for name, start, end, _ in wins:
            if start <= ts < end:
                return name
        return None

    counts = collections.defaultdict(collections.Counter)
    totals = collections.Counter()
    for jfr in args[1:]:
        text = subprocess.run(['jfr', 'print', '--events', 'jdk.ExecutionSample', '--stack-depth', '300', jfr],
                              check=True, capture_output=True, text=True).stdout
        frames, ts, thread, in_stack = [], None, '', False

        def flush():
            if ts is None or not thread.startswith('executor-thread'):
                return
            sc = scenario(ts)
            if sc is None:
                return
            totals[sc] += 1
            for name, rx in BUCKETS:
                if any(rx.search(f) for f in frames):
                    counts[sc][name] += 1
                    return

        for line in text.splitlines():
            s = line.strip()
            if s.startswith('jdk.ExecutionSample'):
                frames, ts, thread = [], None, ''
            elif s.startswith('startTime ='):
                ts = s.split('=')[1].strip().split(' ')[0][:8]
            elif s.startswith('sampledThread ='):
                thread = s.split('"')[1]
            elif s.startswith('stackTrace = ['):
                in_stack = True
            elif in_stack and s == ']':
                in_stack = False
            elif in_stack and s and s != '...':
                frames.append(s)
            elif s == '}':
                flush()
                frames, ts = [], None

    requests = collections.Counter()
    for name, _, _, n in wins:
        requests[name] += n
    scs = [s for s in ('P', 'A', 'B', 'C', 'Q') if s in requests]
    per = lambda s, k: 1000 * counts[s][k] / requests[s]
    tot = lambda s: 1000 * totals[s] / requests[s]
    diffs = [d for d in (('B', 'P'), ('B', 'A')) if d[0] in requests and d[1] in requests]
    print('| Bucket | ' + ' | '.join(scs) + ''.join(f' | {x} − {y}' for x, y in diffs) + ' |')
    print('|---|' + '---|' * (len(scs) + len(diffs)))
    for name, _ in BUCKETS:
        print(f'| {name} | ' + ' | '.join(f'{per(s, name):.1f}' for s in scs)
              + ''.join(f' | {per(x, name) - per(y, name):+.1f}' for x, y in diffs) + ' |')
    print('| **all** | ' + ' | '.join(f'**{tot(s):.1f}**' for s in scs)
          + ''.join(f' | **{tot(x) - tot(y):+.1f}**' for x, y in diffs) + ' |')
    print()
    print('samples: ' + ', '.join(f'{s} {totals[s]}' for s in scs) + '; requests: '
          + ', '.join(f'{s} {int(requests[s])}' for s in scs))


if __name__ == '__main__':
    main()
