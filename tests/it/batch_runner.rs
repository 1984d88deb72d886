//! The bounded batch runner: every item gets an outcome, in input order; a
//! panic or an overrun is that item's failure only; progress is reported
//! once per item.

use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use yoshiki::batch::{BatchOptions, Outcome, OutcomeKind, run_bounded, run_bounded_with};

/// Silence the default panic message for the deliberate panics below.
fn quiet_panics() {
    let prev = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let name = std::thread::current().name().unwrap_or("").to_string();
        if !name.starts_with(yoshiki::batch::HELPER_THREAD_PREFIX) {
            prev(info);
        }
    }));
}

#[test]
fn results_in_input_order() {
    let items: Vec<u64> = (0..500).collect();
    let out = run_bounded(items, Duration::from_secs(5), |n| n * n);
    assert_eq!(out.len(), 500);
    for (i, o) in out.into_iter().enumerate() {
        match o {
            Outcome::Done(v) => assert_eq!(v, (i as u64) * (i as u64)),
            other => panic!("item {i}: {other:?}"),
        }
    }
}

#[test]
fn a_panic_is_that_items_failure_only() {
    quiet_panics();
    let items: Vec<u32> = (0..50).collect();
    let out = run_bounded(items, Duration::from_secs(5), |n| {
        if n == 7 {
            panic!("bad file number {n}");
        }
        if n == 31 {
            let v: Vec<u8> = Vec::new();
            // An out-of-bounds index: the kind of bug a hostile file triggers.
            return u32::from(v[n as usize]);
        }
        n + 1
    });
    assert_eq!(out.len(), 50);
    for (i, o) in out.iter().enumerate() {
        match (i, o) {
            (7, Outcome::Panicked { message }) => assert_eq!(message, "bad file number 7"),
            (31, Outcome::Panicked { message }) => {
                assert!(message.contains("index out of bounds"), "{message}")
            }
            (7 | 31, other) => panic!("item {i} should have panicked: {other:?}"),
            (_, Outcome::Done(v)) => assert_eq!(*v, i as u32 + 1),
            (_, other) => panic!("item {i}: {other:?}"),
        }
    }
    let msg = out[7].failure_ja().unwrap_or_default();
    assert!(
        msg.contains("内部エラー") && msg.contains("bad file number 7"),
        "{msg}"
    );
}

#[test]
fn an_overrun_is_abandoned_without_waiting_for_it() {
    // Item 3 spins until released (a runaway job); the batch must come back
    // long before it is released, with every other item done.
    let release = Arc::new(AtomicBool::new(false));
    let r = Arc::clone(&release);
    let started = Instant::now();
    let out = run_bounded((0..40u32).collect(), Duration::from_millis(300), move |n| {
        if n == 3 {
            while !r.load(Ordering::SeqCst) {
                std::thread::sleep(Duration::from_millis(5));
            }
        }
        n
    });
    let took = started.elapsed();
    release.store(true, Ordering::SeqCst);
    assert!(
        took < Duration::from_secs(5),
        "batch waited for the runaway job: {took:?}"
    );
    assert_eq!(out.len(), 40);
    for (i, o) in out.iter().enumerate() {
        match (i, o) {
            (3, Outcome::Overrun { limit }) => assert_eq!(*limit, Duration::from_millis(300)),
            (3, other) => panic!("item 3 should overrun: {other:?}"),
            (_, Outcome::Done(v)) => assert_eq!(*v, i as u32),
            (_, other) => panic!("item {i}: {other:?}"),
        }
    }
    assert!(
        out[3]
            .failure_ja()
            .unwrap_or_default()
            .contains("制限時間（0.3秒）")
    );
}

#[test]
fn the_thread_after_an_overrun_keeps_working() {
    // One thread only: after abandoning the runaway job's runner, a fresh
    // runner takes its place and finishes the rest.
    let release = Arc::new(AtomicBool::new(false));
    let r = Arc::clone(&release);
    let opts = BatchOptions {
        timeout: Duration::from_millis(200),
        threads: 1,
        ..BatchOptions::default()
    };
    let out = run_bounded_with(
        (0..10u32).collect(),
        &opts,
        move |n| {
            if n == 0 || n == 5 {
                while !r.load(Ordering::SeqCst) {
                    std::thread::sleep(Duration::from_millis(5));
                }
            }
            n * 10
        },
        |_| {},
    );
    release.store(true, Ordering::SeqCst);
    let kinds: Vec<OutcomeKind> = out.iter().map(|o| o.kind()).collect();
    assert_eq!(kinds[0], OutcomeKind::Overrun);
    assert_eq!(kinds[5], OutcomeKind::Overrun);
    for i in [1, 2, 3, 4, 6, 7, 8, 9] {
        assert!(
            matches!(out[i], Outcome::Done(v) if v == i as u32 * 10),
            "item {i}: {:?}",
            out[i]
        );
    }
}

#[test]
fn too_many_runaways_stop_new_ones_from_piling_up() {
    // Every item runs away; with room for 2 overrunning jobs the rest are
    // not started (after one bounded wait), and the batch still ends.
    let release = Arc::new(AtomicBool::new(false));
    let r = Arc::clone(&release);
    let opts = BatchOptions {
        timeout: Duration::from_millis(100),
        threads: 2,
        max_overrunning: 2,
        ..BatchOptions::default()
    };
    let started = Instant::now();
    let out = run_bounded_with(
        (0..30u32).collect(),
        &opts,
        move |_| {
            while !r.load(Ordering::SeqCst) {
                std::thread::sleep(Duration::from_millis(5));
            }
        },
        |_| {},
    );
    let took = started.elapsed();
    release.store(true, Ordering::SeqCst);
    assert!(took < Duration::from_secs(3), "{took:?}");
    let overrun = out
        .iter()
        .filter(|o| o.kind() == OutcomeKind::Overrun)
        .count();
    let not_run = out
        .iter()
        .filter(|o| o.kind() == OutcomeKind::NotRun)
        .count();
    assert_eq!(overrun + not_run, 30);
    assert!((2..=3).contains(&overrun), "overrun {overrun}");
    assert!(
        out[29]
            .failure_ja()
            .unwrap_or_default()
            .contains("処理されませんでした")
    );
}

#[test]
fn runaways_that_finish_free_their_slot() {
    // Slow (not endless) jobs: each overruns, finishes shortly after (well
    // within the one time bound a waiting item allows), and the next ones
    // run; nothing is skipped.
    let opts = BatchOptions {
        timeout: Duration::from_millis(100),
        threads: 2,
        max_overrunning: 1,
        ..BatchOptions::default()
    };
    let out = run_bounded_with(
        (0..12u32).collect(),
        &opts,
        |n| {
            if n % 4 == 0 {
                std::thread::sleep(Duration::from_millis(130));
            }
            n
        },
        |_| {},
    );
    for (i, o) in out.iter().enumerate() {
        let want = if i % 4 == 0 {
            OutcomeKind::Overrun
        } else {
            OutcomeKind::Done
        };
        assert_eq!(o.kind(), want, "item {i}: {o:?}");
    }
}

#[test]
fn progress_once_per_item() {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let calls = Arc::new(AtomicUsize::new(0));
    let opts = BatchOptions {
        threads: 2,
        ..BatchOptions::default()
    };
    let progress = {
        let (seen, calls) = (Arc::clone(&seen), Arc::clone(&calls));
        move |p: &yoshiki::batch::Progress| {
            calls.fetch_add(1, Ordering::SeqCst);
            assert_eq!(p.total, 200);
            assert_eq!(p.kind, OutcomeKind::Done);
            if let Ok(mut s) = seen.lock() {
                s.push((p.index, p.done));
            }
        }
    };
    let out = run_bounded_with((0..200u32).collect(), &opts, |n| n, progress);
    assert_eq!(out.len(), 200);
    assert_eq!(calls.load(Ordering::SeqCst), 200);
    let seen = std::mem::take(&mut *seen.lock().unwrap_or_else(|e| e.into_inner()));
    let indexes: HashSet<usize> = seen.iter().map(|(i, _)| *i).collect();
    let dones: HashSet<usize> = seen.iter().map(|(_, d)| *d).collect();
    assert_eq!(indexes, (0..200).collect());
    assert_eq!(dones, (1..=200).collect());
}

#[test]
fn items_run_in_parallel() {
    // Two items that each wait for the other to have started can only both
    // finish if they run at the same time.
    let arrived = Arc::new(AtomicUsize::new(0));
    let a = Arc::clone(&arrived);
    let opts = BatchOptions {
        timeout: Duration::from_secs(5),
        threads: 2,
        ..BatchOptions::default()
    };
    let out = run_bounded_with(
        vec![0u8, 1],
        &opts,
        move |_| {
            a.fetch_add(1, Ordering::SeqCst);
            let t = Instant::now();
            while a.load(Ordering::SeqCst) < 2 {
                if t.elapsed() > Duration::from_secs(3) {
                    return false;
                }
                std::thread::sleep(Duration::from_millis(1));
            }
            true
        },
        |_| {},
    );
    assert!(
        out.iter().all(|o| matches!(o, Outcome::Done(true))),
        "{out:?}"
    );
}

#[test]
fn empty_batch() {
    let out = run_bounded(Vec::<u8>::new(), Duration::from_secs(1), |n| n);
    assert!(out.is_empty());
}

#[test]
fn streaming_sees_groups_complete_early() {
    // Items are claimed in input order, so consecutive items (the files of
    // one submission set) finish together: with 2 threads, never more than
    // a few groups are open at once, however long the batch is. This is
    // what keeps `check`'s memory flat.
    use yoshiki::batch::run_bounded_each;
    const GROUP: usize = 5;
    const ITEMS: usize = 400;
    // (done per group, open now, max open)
    let state = Arc::new(Mutex::new((vec![0usize; ITEMS / GROUP], 0usize, 0usize)));
    let seen = Arc::clone(&state);
    let opts = BatchOptions {
        threads: 2,
        ..BatchOptions::default()
    };
    run_bounded_each(
        (0..ITEMS).collect::<Vec<usize>>(),
        &opts,
        |i| {
            // Uneven work, as real files are.
            std::thread::sleep(Duration::from_micros(((i * 7919) % 13) as u64 * 100));
            i
        },
        move |p, outcome| {
            assert!(matches!(outcome, Outcome::Done(v) if v == p.index));
            let mut s = seen.lock().unwrap_or_else(|e| e.into_inner());
            let g = p.index / GROUP;
            if s.0[g] == 0 {
                s.1 += 1;
                s.2 = s.2.max(s.1);
            }
            s.0[g] += 1;
            if s.0[g] == GROUP {
                s.1 -= 1;
            }
        },
    );
    let s = state.lock().unwrap_or_else(|e| e.into_inner());
    assert!(s.0.iter().all(|&n| n == GROUP));
    assert_eq!(s.1, 0);
    assert!(s.2 <= 3, "at most {} groups were open at once", s.2);
}

#[test]
fn each_item_is_reported_before_its_thread_starts_the_next() {
    // What a worker child relies on: when it dies on a file, every file it
    // finished has already been reported. So a runner never starts an item
    // while its previous one is unreported, and the report comes from the
    // thread that ran the item.
    use yoshiki::batch::run_bounded_each;
    let log = Arc::new(Mutex::new(Vec::new()));
    let opts = BatchOptions {
        threads: 2,
        ..BatchOptions::default()
    };
    let job = {
        let log = Arc::clone(&log);
        move |i: usize| {
            let me = std::thread::current().id();
            log.lock()
                .unwrap_or_else(|e| e.into_inner())
                .push((me, "start", i));
            std::thread::sleep(Duration::from_micros((i % 5) as u64 * 200));
            me
        }
    };
    let sink = {
        let log = Arc::clone(&log);
        move |p: yoshiki::batch::Progress, outcome: Outcome<std::thread::ThreadId>| {
            let me = std::thread::current().id();
            assert!(matches!(outcome, Outcome::Done(ran_on) if ran_on == me));
            log.lock()
                .unwrap_or_else(|e| e.into_inner())
                .push((me, "done", p.index));
        }
    };
    run_bounded_each((0..60).collect(), &opts, job, sink);
    let log = std::mem::take(&mut *log.lock().unwrap_or_else(|e| e.into_inner()));
    assert_eq!(log.len(), 120);
    let threads: HashSet<_> = log.iter().map(|(t, _, _)| *t).collect();
    for t in threads {
        let mine: Vec<_> = log.iter().filter(|(u, _, _)| *u == t).collect();
        for pair in mine.chunks(2) {
            match pair {
                [(_, "start", a), (_, "done", b)] => assert_eq!(a, b),
                other => panic!("a thread ran ahead of its reports: {other:?}"),
            }
        }
    }
}

#[test]
fn a_panicking_sink_reaches_the_caller_after_every_item_is_reported() {
    quiet_panics();
    use yoshiki::batch::run_bounded_each;
    let reported = Arc::new(AtomicUsize::new(0));
    let opts = BatchOptions {
        threads: 2,
        ..BatchOptions::default()
    };
    let sink = {
        let reported = Arc::clone(&reported);
        move |p: yoshiki::batch::Progress, _: Outcome<usize>| {
            reported.fetch_add(1, Ordering::SeqCst);
            if p.index == 3 {
                panic!("sink failed on item 3");
            }
        }
    };
    let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        run_bounded_each((0..20).collect(), &opts, |i: usize| i, sink)
    }));
    let message = caught
        .err()
        .and_then(|p| p.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_default();
    assert_eq!(message, "sink failed on item 3");
    assert_eq!(reported.load(Ordering::SeqCst), 20);
}
