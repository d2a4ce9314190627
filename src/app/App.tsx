/** The full page. The visualizer grows here; for now it introduces the lab. */
export function App() {
  return (
    <main className="page">
      <header className="page-header">
        <h1>Handshake Lab</h1>
        <p>Watch a real TCP engine open, use and close a connection over a simulated link.</p>
      </header>
    </main>
  );
}
