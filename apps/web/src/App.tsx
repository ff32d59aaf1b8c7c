import { CollectionsPage } from "./components/CollectionsPage.tsx";
import { ImageDetailPage } from "./components/ImageDetailPage.tsx";
import { SearchPage } from "./components/SearchPage.tsx";
import { SimilarPage } from "./components/SimilarPage.tsx";
import { href, type Route, useRoute } from "./route.ts";

const tabs: ReadonlyArray<{ readonly route: Route; readonly label: string }> = [
  { route: { page: "similar" }, label: "Similar" },
  { route: { page: "search" }, label: "Search" },
  { route: { page: "collections" }, label: "Collections" },
];

export const App = () => {
  const route = useRoute();
  return (
    <>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="top">
        <h1>shutterkit</h1>
        <nav aria-label="Sections">
          {tabs.map((tab) => (
            <a
              key={tab.route.page}
              href={href(tab.route)}
              aria-current={tab.route.page === route.page ? "page" : undefined}
            >
              {tab.label}
            </a>
          ))}
        </nav>
      </header>
      <main id="main">
        {route.page === "similar" && <SimilarPage />}
        {route.page === "search" && <SearchPage />}
        {route.page === "collections" && <CollectionsPage selectedId={route.id} />}
        {route.page === "image" && <ImageDetailPage id={route.id} />}
      </main>
    </>
  );
};
