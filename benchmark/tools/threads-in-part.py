"""CPU seconds of each JVM thread in each throughput part of an ingest run, to see which threads a part's CPU went
to (the JIT's compiler threads among them), which the per-process sampling cannot tell.

    python3 benchmark/tools/threads-in-part.py BENCH_LOG OUT_FILE

run-ingest.sh starts it beside the benchmark. It follows the benchmark's log as it is written and reads every thread's
CPU ticks from /proc twice a part: when the part starts and when its result is printed (the query side has caught up
by then: the `thr` window of cpu-by-part.py). Threads of one pool are summed under one name (digits replaced by #).
Two readings a part cost next to nothing, unlike sampling threads every second.
"""
import collections
import os
import re
import sys
import time

from importlib import import_module

HZ = os.sysconf('SC_CLK_TCK')
# the process names and the stat reading of cpu-sampler.py (this script's folder is on the path when it is run);
# no __pycache__ left in the clone
sys.dont_write_bytecode = True
sampler = import_module('cpu-sampler')


def jvms():
    found = {}
    for pid in os.listdir('/proc'):
        if pid.isdigit():
            name = sampler.name_of(pid)
            if name and not name.startswith('pg:'):
                found[pid] = name
    return found


def reading():
    ticks = collections.Counter()
    for pid, name in jvms().items():
        try:
            tasks = os.listdir(f'/proc/{pid}/task')
        except OSError:
            continue
        for task in tasks:
            stat = sampler.read_stat(f'/proc/{pid}/task/{task}/stat')
            if stat:
                # keyed by the task too: a thread that ends between the readings must not subtract from its pool
                ticks[(name, re.sub(r'\d+', '#', stat[0]), pid, task)] = stat[1]
    return time.time(), ticks


def follow(log):
    """The log's lines as they are written; run-ingest.sh stops this when the benchmark has ended."""
    while not os.path.exists(log):
        time.sleep(0.1)
    with open(log) as f:
        while True:
            line = f.readline()
            if not line:
                time.sleep(0.05)
                continue
            yield line


def main(log, out_file):
    with open(out_file, 'w') as out:
        via, start = None, None
        for line in follow(log):
            text = line.rstrip('\n').partition(' ')[2]
            m = re.match(r'\s*Ingest via (\S+)', text)
            if m:
                via = m.group(1)
            if 'Throughput:' in text:
                start = reading()
            if text.startswith('RESULT ingest-throughput') and start:
                end = reading()
                cpu = collections.Counter()
                for key, ticks in end[1].items():
                    cpu[key[:2]] += (ticks - start[1].get(key, 0)) / HZ
                out.write(f'{via} thr {end[0] - start[0]:.1f} s, JVM threads {sum(cpu.values()):.1f} s, of which'
                          f' JIT compiler threads {sum(s for k, s in cpu.items() if "CompilerThre" in k[1]):.1f} s\n')
                for (jvm, thread), seconds in cpu.most_common():
                    if seconds >= 0.05:
                        out.write(f'  {jvm:6} {thread:32} {seconds:6.2f}\n')
                out.flush()
                start = None


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
