// A call's recording in its detail: fetched from GET /api/calls/{sid}/recording with the console's API key (an
// <audio src> could not send it), then played and offered for download from the fetched bytes. control-api streams
// it from Twilio or the local dialer; Twilio's URL never reaches the page (docs/api.md, "Recordings").
import {api} from '../api.js';
import {h} from '../dom.js';

/** Returns {node, show(recording)}: node stays hidden until show() gets the call's completed recording. */
export function recordingPlayer(sid) {
    const about = h('p', {class: 'recording-about'});
    const state = h('p', {class: 'recording-state', role: 'status'});
    const audio = h('audio', {controls: true, preload: 'auto', hidden: true, 'aria-label': 'Call recording'});
    const download = h('a', {class: 'recording-download', download: `recording-${sid}.wav`, hidden: true},
        'Download recording (WAV)');
    const load = h('button', {type: 'button', class: 'secondary', onclick: fetchAudio}, 'Load recording');
    const node = h('section', {class: 'recording', 'aria-labelledby': `recording-${sid}`, hidden: true},
        h('h3', {id: `recording-${sid}`}, 'Recording'), about, load, audio, download, state);
    let url = null;

    async function fetchAudio() {
        load.disabled = true;
        state.textContent = 'Loading the recording…';
        try {
            const blob = await api.getRecording(sid);
            if (url) URL.revokeObjectURL(url);
            url = URL.createObjectURL(blob);
            audio.src = url;
            download.href = url;
            audio.hidden = false;
            download.hidden = false;
            load.hidden = true;
            state.textContent = `Recording loaded (${Math.round(blob.size / 1024)} KiB).`;
        } catch (error) {
            state.textContent = `Could not load the recording: ${error.message}`;
            load.disabled = false;
        }
    }

    return {
        node,
        show(recording) {
            if (!recording?.recordingSid) return;
            const parts = [recording.durationSeconds !== undefined ? `${recording.durationSeconds} s` : null,
                recording.channels === 2 ? 'two channels: caller and agent' : null].filter(Boolean);
            about.textContent = parts.join(', ');
            node.hidden = false;
        },
    };
}
