// Entry point: mounts the app into index.html's #app.
import { mount } from "svelte";
import "./app.css";
import App from "./App.svelte";
import { theme } from "./lib/theme.svelte";

// Light or dark before the first paint, from the last choice; the session's setting follows.
theme.apply(theme.choice);

const app = mount(App, { target: document.getElementById("app")! });

export default app;
