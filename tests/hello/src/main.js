// The hello-world app: one Svelte 5 component with one text, mounted like Bridgeboard's UI.
import { mount } from "svelte";
import App from "./App.svelte";

export default mount(App, { target: document.getElementById("app") });
