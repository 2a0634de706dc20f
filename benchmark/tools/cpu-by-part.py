"""CPU seconds of each process in each part of an ingest run made by run-ingest.sh.

    python3 benchmark/tools/cpu-by-part.py RUN_DIR...

Parts: `thr` from the start of a throughput part until its result (the query side caught up), `rec` from its start
until all was recorded, `lat` the latency part. PostgreSQL's backends are split by the app they serve (pg-cmd,
pg-qry); pg-bg is its own processes, pg-autovac the autovacuum workers. The sampling is per second, so a part's
edges are off by up to a second.
"""
import collections
import os
import re
import sys

HZ = os.sysconf('SC_CLK_TCK')


def groups(run):
    names = {}
    with open(os.path.join(run, 'pids.txt')) as f:
        for line in f:
            pid, _, name = line.rstrip('\n').partition(' ')
            names[pid] = name.strip()
    client_of = {}
    if os.path.exists(os.path.join(run, 'sockets.txt')):
        with open(os.path.join(run, 'sockets.txt')) as f:
            for line in f:
                m = re.search(r'127\.0\.0\.1\]?:(\d+)\s+\S*127\.0\.0\.1\]?:\d+\s+users:\(\("java",pid=(\d+)', line)
                if m:
                    client_of[m.group(1)] = m.group(2)

    def group(pid):
        name = names.get(pid, '?')
        if not name.startswith('pg:'):
            return name
        port = re.search(r'\((\d+)\)', name)
        if port:
            return 'pg-' + names.get(client_of.get(port.group(1), ''), '?')
        return 'pg-autovac' if 'autovacuum worker' in name else 'pg-bg'
    return group


def parts(run):
    found, via = [], None
    with open(os.path.join(run, 'bench.log')) as f:
        for line in f:
            stamp, _, text = line.rstrip('\n').partition(' ')
            at = int(stamp)
            m = re.match(r'\s*Ingest via (\S+)', text)
            if m:
                via = m.group(1)
            if 'Throughput:' in text:
                started = at
            m = re.search(r'all recorded after\s+([\d.]+) s', text)
            if m:
                found.append((via, 'rec', started, started + float(m.group(1))))
            if text.startswith('RESULT ingest-throughput'):
                found.append((via, 'thr', started, at))
            if 'Latency at a fixed rate' in text:
                latency = at
            if text.startswith('RESULT ingest-latency'):
                found.append((via, 'lat', latency, at))
    return found


def main(runs):
    for run in runs:
        group = groups(run)
        samples = []
        with open(os.path.join(run, 'cpu.txt')) as f:
            for line in f:
                fields = line.split()
                samples.append((float(fields[0]), dict(field.split(':') for field in fields[1:])))

        def at(moment):
            before = [sample for sample in samples if sample[0] <= moment]
            return before[-1] if before else samples[0]
        print(run)
        for via, part, start, end in parts(run):
            first, last = at(start), at(end)
            cpu = collections.Counter()
            for pid, ticks in last[1].items():
                cpu[group(pid)] += (int(ticks) - int(first[1].get(pid, 0))) / HZ
            shown = '  '.join(f'{name} {seconds:.1f}' for name, seconds in cpu.most_common() if seconds >= 0.05)
            print(f'  {via:6} {part:3} {last[0] - first[0]:5.1f} s, CPU {sum(cpu.values()):5.1f} s: {shown}')


if __name__ == '__main__':
    main(sys.argv[1:])
