import { useCallback, useState } from 'react';

export type FeedbackKind = 'success' | 'error';

const MUTED_KEY = 'depotline.rollout.muted';

/** Two rising notes for a handover, one low buzz for a refusal: told apart without looking up. */
const TONES: Record<FeedbackKind, readonly { hz: number; at: number; ms: number }[]> = {
  success: [
    { hz: 880, at: 0, ms: 90 },
    { hz: 1320, at: 0.1, ms: 120 },
  ],
  error: [{ hz: 196, at: 0, ms: 320 }],
};

let context: AudioContext | undefined;

function play(kind: FeedbackKind): void {
  try {
    // Made on first use: a scan's Enter is a user gesture, so the context may start.
    context ??= new AudioContext();
    if (context.state === 'suspended') void context.resume();
    const start = context.currentTime;
    for (const tone of TONES[kind]) {
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      oscillator.type = kind === 'error' ? 'square' : 'sine';
      oscillator.frequency.value = tone.hz;
      // A short fade in and out, or the speaker clicks.
      gain.gain.setValueAtTime(0, start + tone.at);
      gain.gain.linearRampToValueAtTime(0.15, start + tone.at + 0.01);
      gain.gain.linearRampToValueAtTime(0, start + tone.at + tone.ms / 1000);
      oscillator.connect(gain).connect(context.destination);
      oscillator.start(start + tone.at);
      oscillator.stop(start + tone.at + tone.ms / 1000 + 0.02);
    }
  } catch {
    // No audio device (a headless station, a locked-down PC): the visual and spoken feedback remain.
  }
}

function storedMuted(): boolean {
  try {
    return localStorage.getItem(MUTED_KEY) === '1';
  } catch {
    return false;
  }
}

/** The confirmation sound and its mute switch, remembered on this computer. */
export function useFeedbackSound() {
  const [muted, setMutedState] = useState(storedMuted);
  const setMuted = useCallback((value: boolean) => {
    setMutedState(value);
    try {
      localStorage.setItem(MUTED_KEY, value ? '1' : '0');
    } catch {
      // Storage refused (private mode): the switch still holds for this visit.
    }
  }, []);
  const sound = useCallback((kind: FeedbackKind) => !muted && play(kind), [muted]);
  return { muted, setMuted, sound };
}
