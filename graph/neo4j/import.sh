# Import into an empty database (Neo4j 5):
neo4j-admin database import full neo4j \
  --nodes=Actor=actors.csv --nodes=Event=events.csv --nodes=Document=documents.csv \
  --relationships=participants.csv --relationships=locations.csv \
  --relationships=evidence.csv --relationships=edges.csv
