import { ShutterkitProvider } from "@shutterkit/react";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App.tsx";
import "./styles.css";

// No credentials in the browser: the page talks to the edge proxy, which holds them. The proxy
// mirrors the API's /v2 paths on this page's origin unless VITE_SHUTTERKIT_API_URL says otherwise.
const baseUrl = import.meta.env["VITE_SHUTTERKIT_API_URL"] || window.location.origin;

const root = document.getElementById("root");
if (root === null) throw new Error("index.html has no #root");

createRoot(root).render(
  <StrictMode>
    <ShutterkitProvider config={{ baseUrl }}>
      <App />
    </ShutterkitProvider>
  </StrictMode>,
);
