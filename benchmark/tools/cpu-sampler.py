"""Every second, the CPU ticks so far of each process of an embedded run: `time pid:ticks ...` lines.

Processes are found anew every 5 s and named once (pids file: `pid name`): the two apps, the launcher (which runs
Kafka), the benchmark, and PostgreSQL's processes by their title.
"""
import os
import sys
import time

NAMES = (('command-side.jar', 'cmd'), ('query-side.jar', 'qry'), ('changeledger-embedded.jar', 'kafka'),
         ('benchmark.jar', 'bench'))


def name_of(pid):
    try:
        with open(f'/proc/{pid}/cmdline', 'rb') as f:
            command = f.read().replace(b'\0', b' ').decode(errors='replace')
    except OSError:
        return None
    for part, name in NAMES:
        if part in command:
            return name
    # the apps' command lines may name the database too, so PostgreSQL's titles are matched last
    return 'pg:' + command.strip() if command.startswith('postgres') else None


def read_stat(path):
    """A /proc stat file's command name and its CPU ticks so far (user and system), or None once it is gone."""
    try:
        with open(path) as f:
            stat = f.read()
    except OSError:
        return None
    fields = stat[stat.rindex(')') + 2:].split()
    return stat[stat.index('(') + 1:stat.rindex(')')], int(fields[11]) + int(fields[12])


def main(samples, pids):
    names = {}
    last_scan = 0.0
    with open(samples, 'w') as out, open(pids, 'w') as named:
        while True:
            now = time.time()
            if now - last_scan > 5:
                for pid in os.listdir('/proc'):
                    if pid.isdigit() and pid not in names:
                        names[pid] = name_of(pid)
                        if names[pid]:
                            named.write(f'{pid} {names[pid]}\n')
                            named.flush()
                last_scan = now
            line = [f'{now:.2f}']
            for pid, name in names.items():
                if not name:
                    continue
                stat = read_stat(f'/proc/{pid}/stat')
                if stat:
                    line.append(f'{pid}:{stat[1]}')
            out.write(' '.join(line) + '\n')
            out.flush()
            time.sleep(1 - (time.time() - now) % 1)


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
